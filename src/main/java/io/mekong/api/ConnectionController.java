package io.mekong.api;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.connection.ConnectionTests;
import io.mekong.connection.WebhookSetup;
import io.mekong.connector.TestResult;
import io.mekong.ops.WorkspaceScope;
import io.mekong.sync.ConnectionRemoval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Connections: secrets are write-only; responses show which secrets are set, never their values. */
@RestController
@RequestMapping("/api/connections")
class ConnectionController {

    static final String MASK = "********";

    private final ConnectionService connections;
    private final ConnectionAccess access;
    private final WebhookSetup webhooks;
    private final ConnectionTests tests;
    private final WorkspaceScope scope;
    private final ConnectionRemoval removal;

    ConnectionController(ConnectionService connections, ConnectionAccess access, WebhookSetup webhooks,
                         ConnectionTests tests, WorkspaceScope scope, ConnectionRemoval removal) {
        this.connections = connections;
        this.access = access;
        this.webhooks = webhooks;
        this.tests = tests;
        this.scope = scope;
        this.removal = removal;
    }

    record ConnectionRequest(String id, String workspace, String connector, String name, Map<String, Object> params,
                             Map<String, String> secrets) {
    }

    /**
     * @param id         the API id, unique within {@code workspace}
     * @param webhookUrl where the system sends this connection's webhooks; null when its connector receives none
     */
    record ConnectionResponse(String id, String workspace, String connector, String name, Map<String, Object> params,
                              Map<String, String> secrets, String webhookUrl, Instant createdAt, Instant updatedAt) {
    }

    private ConnectionResponse response(Connection c) {
        Map<String, String> masked = new TreeMap<>();
        c.secretKeys().forEach(key -> masked.put(key, MASK));
        return new ConnectionResponse(c.apiId(), c.workspaceId(), c.connector(), c.name(), c.params(), masked,
                webhookUrl(c), c.createdAt(), c.updatedAt());
    }

    private String webhookUrl(Connection c) {
        return webhooks.of(c).map(WebhookSetup.Setup::url).orElse(null);
    }

    @GetMapping
    List<ConnectionResponse> list(@RequestParam(required = false) String workspace) {
        return connections.list(access.workspace(workspace)).stream().map(this::response).toList();
    }

    @PostMapping
    ResponseEntity<ConnectionResponse> create(@RequestBody ConnectionRequest request) {
        String workspace = scope.workspaceForNewRow(request.workspace());
        Connection created = connections.create(new ConnectionDraft(request.id(), workspace, request.connector(),
                request.name(), request.params(), request.secrets()));
        return ResponseEntity.status(HttpStatus.CREATED).body(response(created));
    }

    @GetMapping("/{id}")
    ConnectionResponse get(@PathVariable String id, @RequestParam(required = false) String workspace) {
        return response(access.visible(id, workspace));
    }

    @PutMapping("/{id}")
    ConnectionResponse update(@PathVariable String id, @RequestParam(required = false) String workspace,
                              @RequestBody ConnectionRequest request) {
        Connection existing = access.visible(id, workspace);
        if (request.id() != null && !request.id().equals(id)) {
            throw new IllegalArgumentException("id in the body (" + request.id() + ") differs from the path (" + id + ")");
        }
        if (request.workspace() != null && !request.workspace().equals(existing.workspaceId())) {
            throw new IllegalArgumentException("workspace of a connection cannot change (" + existing.workspaceId() + ")");
        }
        return response(connections.update(existing, new ConnectionDraft(id, existing.workspaceId(),
                request.connector(), request.name(), request.params(), request.secrets())));
    }

    /** Deletes the connection with its sync jobs, runs, records, dead letters and destinations; its schedules stop. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) String workspace) {
        removal.remove(access.visible(id, workspace));
        return ResponseEntity.noContent().build();
    }

    /** Reaches the system with the stored credentials and reports what failed, if anything. */
    @PostMapping("/{id}/test")
    TestResult test(@PathVariable String id, @RequestParam(required = false) String workspace) {
        return tests.test(access.visible(id, workspace));
    }
}
