package io.mekong.api;

import io.mekong.connection.Connection;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.WorkspaceScope;
import io.mekong.sink.Destination;
import io.mekong.sink.DestinationReport;
import io.mekong.sink.DestinationReports;
import io.mekong.sink.Destinations;
import io.mekong.sink.DestinationRoutes;
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
    private final DestinationReports reports;
    private final ConnectionAccess connections;
    private final ConnectorRegistry connectors;
    private final WorkspaceScope scope;

    DestinationController(Destinations destinations, DestinationRoutes routes, DestinationReports reports,
                          ConnectionAccess connections, ConnectorRegistry connectors, WorkspaceScope scope) {
        this.destinations = destinations;
        this.routes = routes;
        this.reports = reports;
        this.connections = connections;
        this.connectors = connectors;
        this.scope = scope;
    }

    record DestinationRequest(String id, String workspace, String connection, List<String> deliver, Boolean enabled) {
    }

    @GetMapping
    List<DestinationReport> list(@RequestParam(required = false) String workspace) {
        return reports.list(workspace);
    }

    @PostMapping
    ResponseEntity<DestinationReport> create(@RequestBody DestinationRequest request) {
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
            return ResponseEntity.status(HttpStatus.CREATED).body(reports.report(destinations.find(created.id()).orElseThrow()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("destination '" + request.id() + "' exists in workspace " + workspace);
        }
    }

    @GetMapping("/{id}")
    DestinationReport get(@PathVariable String id, @RequestParam(required = false) String workspace) {
        return reports.get(id, workspace);
    }

    @PutMapping("/{id}")
    DestinationReport update(@PathVariable String id, @RequestParam(required = false) String workspace,
                             @RequestBody DestinationRequest request) {
        Destinations.Stored existing = reports.visible(id, workspace);
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
        return reports.report(destinations.find(current.id()).orElseThrow());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) String workspace) {
        destinations.delete(reports.visible(id, workspace).destination().id());
        routes.reconcile();
        return ResponseEntity.noContent().build();
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
}
