package io.mekong.api;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.WorkspaceScope;
import io.mekong.sink.Destination;
import io.mekong.sink.DestinationStatus;
import io.mekong.sink.Destinations;
import io.mekong.sink.DestinationRoutes;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
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

/**
 * Destinations: a target connection subscribed to the bus (docs/destinations.md). Scoped like connections: a merchant
 * sees and changes its own workspace's; a destination names a target connection of the same workspace.
 */
@RestController
@RequestMapping("/api/destinations")
class DestinationController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final Destinations destinations;
    private final DestinationRoutes routes;
    private final DestinationStatus status;
    private final ConnectionAccess connections;
    private final ConnectionService connectionService;
    private final ConnectorRegistry connectors;
    private final WorkspaceScope scope;

    DestinationController(Destinations destinations, DestinationRoutes routes, DestinationStatus status,
                          ConnectionAccess connections, ConnectionService connectionService, ConnectorRegistry connectors,
                          WorkspaceScope scope) {
        this.connectionService = connectionService;
        this.destinations = destinations;
        this.routes = routes;
        this.status = status;
        this.connections = connections;
        this.connectors = connectors;
        this.scope = scope;
    }

    record DestinationRequest(String id, String workspace, String connection, List<String> deliver, Boolean enabled) {
    }

    /**
     * @param status   {@code running}, {@code paused} (its target cannot take events: the same events are tried again,
     *                 see {@code lastError}) or {@code disabled}
     * @param lag      events of its topics it has not delivered yet; 0 = caught up; null while Kafka does not answer
     */
    record DestinationResponse(String id, String workspace, String connection, String connector, Set<String> deliver,
                               boolean enabled, String status, Long lag, long delivered, long failed, int deadLetters,
                               String lastError, Instant failingSince, Instant createdAt, Instant updatedAt) {
    }

    @GetMapping
    List<DestinationResponse> list(@RequestParam(required = false) String workspace) {
        return destinations.list(connections.workspace(workspace)).stream().map(this::response).toList();
    }

    @PostMapping
    ResponseEntity<DestinationResponse> create(@RequestBody DestinationRequest request) {
        if (request.id() == null || !ID.matcher(request.id()).matches()) {
            throw new IllegalArgumentException("id is required: 2 to 63 lower-case letters, digits and dashes (was "
                    + (request.id() == null ? "none" : "'" + request.id() + "'") + ")");
        }
        String workspace = scope.workspaceForNewRow(request.workspace());
        Connection connection = target(request.connection(), workspace);
        try {
            Destination created = destinations.create(workspace, request.id(), connection.id(), deliver(request.deliver()),
                    request.enabled() == null || request.enabled());
            routes.reconcile();
            return ResponseEntity.status(HttpStatus.CREATED).body(response(destinations.find(created.id()).orElseThrow()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("destination '" + request.id() + "' exists in workspace " + workspace);
        }
    }

    @GetMapping("/{id}")
    DestinationResponse get(@PathVariable String id, @RequestParam(required = false) String workspace) {
        return response(visible(id, workspace));
    }

    @PutMapping("/{id}")
    DestinationResponse update(@PathVariable String id, @RequestParam(required = false) String workspace,
                               @RequestBody DestinationRequest request) {
        Destinations.Stored existing = visible(id, workspace);
        if (request.id() != null && !request.id().equals(id)) {
            throw new IllegalArgumentException("id in the body (" + request.id() + ") differs from the path (" + id + ")");
        }
        Destination current = existing.destination();
        String connection = request.connection() == null ? current.connectionId()
                : target(request.connection(), current.workspaceId()).id();
        destinations.update(current.id(), connection,
                request.deliver() == null ? current.deliver() : deliver(request.deliver()),
                request.enabled() == null ? current.enabled() : request.enabled());
        routes.reconcile();
        return response(destinations.find(current.id()).orElseThrow());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) String workspace) {
        destinations.delete(visible(id, workspace).destination().id());
        routes.reconcile();
        return ResponseEntity.noContent().build();
    }

    private Destinations.Stored visible(String apiId, String workspace) {
        String confined = connections.workspace(workspace);
        List<Destinations.Stored> found = destinations.list(confined).stream()
                .filter(d -> d.destination().apiId().equals(apiId)).toList();
        if (found.isEmpty()) {
            throw new NotFoundException("Destination " + apiId);
        }
        if (found.size() > 1) {
            throw new ConflictException("destination id '" + apiId + "' is used in workspaces "
                    + found.stream().map(d -> d.destination().workspaceId()).toList() + "; name one with ?workspace=");
        }
        return found.get(0);
    }

    /** The named connection of the workspace, which must be a target's. */
    private Connection target(String apiId, String workspace) {
        if (apiId == null || apiId.isBlank()) {
            throw new IllegalArgumentException("connection is required: the id of a target connection (klaviyo,"
                    + " mailchimp, hubspot, webhook)");
        }
        Connection connection = connections.visible(apiId, workspace);
        if (!connection.workspaceId().equals(workspace)) {
            throw new NotFoundException("Connection " + apiId);
        }
        boolean target = connectors.find(connection.connector()).map(spec -> spec.isTarget()).orElse(false);
        if (!target) {
            throw new IllegalArgumentException("connection '" + apiId + "' is a " + connection.connector()
                    + " connection, which is a source; a destination needs a target connection (connectors with kind:"
                    + " target: " + connectors.names().stream().filter(n -> connectors.find(n).orElseThrow().isTarget())
                    .sorted().toList() + ")");
        }
        return connection;
    }

    private static Set<String> deliver(List<String> deliver) {
        if (deliver == null || deliver.isEmpty()) {
            throw new IllegalArgumentException("deliver is required: one or more of "
                    + new TreeSet<>(Destination.DELIVERABLES));
        }
        List<String> unknown = deliver.stream().filter(d -> !Destination.DELIVERABLES.contains(d)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("deliver holds " + unknown + ", which are not deliverables; use "
                    + new TreeSet<>(Destination.DELIVERABLES));
        }
        return new LinkedHashSet<>(deliver);
    }

    private DestinationResponse response(Destinations.Stored stored) {
        Destination d = stored.destination();
        DestinationStatus.Now now = status.of(stored);
        return new DestinationResponse(d.apiId(), d.workspaceId(), connectionService.apiId(d.connectionId()).orElse(d.connectionId()), d.connector(),
                d.deliver(), d.enabled(), now.status(), now.lag(), stored.delivered(), stored.failed(),
                now.deadLetters(), stored.lastError(), stored.failingSince(), stored.createdAt(), stored.updatedAt());
    }
}
