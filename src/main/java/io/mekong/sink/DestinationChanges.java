package io.mekong.sink;

import io.mekong.connection.Connection;
import io.mekong.connection.VisibleConnections;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.RefusedChange;
import io.mekong.ops.WorkspaceScope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creates, changes and deletes destinations for the API and the console alike, so that both refuse the same input with
 * the same {@link RefusedChange}: an id of 2 to 63 lower-case letters, digits and dashes, a target connection of the
 * destination's own workspace, one or more known deliverables. Each change reaches the bus at once.
 */
@Service
public class DestinationChanges {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /**
     * What a caller asks a destination to be; on a change, a null field keeps what the destination has.
     *
     * @param workspace  where a new destination goes (null: the caller's, see {@link WorkspaceScope#workspaceForNewRow});
     *                   a destination never moves to another
     * @param connection the API id of its target connection, in that workspace
     * @param enabled    null on a new destination: enabled
     */
    public record DestinationDraft(String id, String workspace, String connection, List<String> deliver,
                                   Boolean enabled) {
    }

    private final Destinations destinations;
    private final DestinationRoutes routes;
    private final VisibleConnections connections;
    private final ConnectorRegistry connectors;
    private final WorkspaceScope scope;

    public DestinationChanges(Destinations destinations, DestinationRoutes routes, VisibleConnections connections,
                              ConnectorRegistry connectors, WorkspaceScope scope) {
        this.destinations = destinations;
        this.routes = routes;
        this.connections = connections;
        this.connectors = connectors;
        this.scope = scope;
    }

    /** What {@code deliver} may hold, in a steady order for people to read. */
    public static List<String> deliverables() {
        return List.copyOf(new TreeSet<>(Destination.DELIVERABLES));
    }

    /**
     * The connections the caller may see that a destination can deliver to.
     *
     * @param workspace the destination's workspace, or null for every one the caller may see
     */
    public List<Connection> targets(String workspace) {
        return connections.list(workspace).stream().filter(this::isTarget).toList();
    }

    public Destinations.Stored create(DestinationDraft draft) {
        if (draft.id() == null || !ID.matcher(draft.id()).matches()) {
            String was = draft.id() == null ? "none" : "'" + draft.id() + "'";
            throw RefusedChange.invalid("id", "destinations.error.id",
                    "id is required: 2 to 63 lower-case letters, digits and dashes (was " + was + ")", was);
        }
        String workspace = scope.workspaceForNewRow(draft.workspace());
        Connection target = target(draft.connection(), workspace);
        Set<String> deliver = deliver(draft.deliver());
        try {
            long id = destinations.create(workspace, draft.id(), target.id(), deliver,
                    draft.enabled() == null || draft.enabled()).id();
            routes.reconcile();
            return destinations.find(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw RefusedChange.conflict("destinations.error.idTaken",
                    "destination '" + draft.id() + "' exists in workspace " + workspace, draft.id(), workspace);
        }
    }

    /** @param existing a destination the caller may see */
    public Destinations.Stored update(Destinations.Stored existing, DestinationDraft draft) {
        Destination current = existing.destination();
        if (draft.workspace() != null && !draft.workspace().equals(current.workspaceId())) {
            throw RefusedChange.invalid("workspace", "destinations.error.workspaceFixed",
                    "workspace of a destination cannot change (" + current.workspaceId() + ")", current.workspaceId());
        }
        String connection = draft.connection() == null ? current.connectionId()
                : target(draft.connection(), current.workspaceId()).id();
        destinations.update(current.id(), connection,
                draft.deliver() == null ? current.deliver() : deliver(draft.deliver()),
                draft.enabled() == null ? current.enabled() : draft.enabled());
        routes.reconcile();
        return destinations.find(current.id()).orElseThrow();
    }

    /** Its consumer leaves the bus; its dead letters and its map of the target's objects go with it. */
    public void delete(Destinations.Stored existing) {
        destinations.delete(existing.destination().id());
        routes.reconcile();
    }

    /** The workspace's connection of that API id, which must be a target's. */
    private Connection target(String apiId, String workspace) {
        String targets = String.join(", ", targetConnectors());
        if (apiId == null || apiId.isBlank()) {
            throw RefusedChange.invalid("connection", "destinations.error.connectionRequired",
                    "connection is required: the id of a target connection (" + targets + ")", targets);
        }
        Connection connection = connections.byApiId(workspace, apiId).stream().findFirst()
                .orElseThrow(() -> RefusedChange.notFound("destinations.error.connectionUnknown",
                        "Connection " + apiId + " not found", apiId));
        if (!isTarget(connection)) {
            throw RefusedChange.invalid("connection", "destinations.error.notTarget", "connection '" + apiId + "' is a "
                    + connection.connector() + " connection, which is a source; a destination needs a target connection"
                    + " (connectors with kind: target: " + targets + ")", apiId, connection.connector(), targets);
        }
        return connection;
    }

    private boolean isTarget(Connection connection) {
        return connectors.find(connection.connector()).map(spec -> spec.isTarget()).orElse(false);
    }

    private List<String> targetConnectors() {
        return connectors.names().stream().filter(n -> connectors.get(n).isTarget()).sorted().toList();
    }

    private static Set<String> deliver(List<String> deliver) {
        String known = String.join(", ", deliverables());
        if (deliver == null || deliver.isEmpty()) {
            throw RefusedChange.invalid("deliver", "destinations.error.deliverRequired",
                    "deliver is required: one or more of " + known, known);
        }
        List<String> unknown = deliver.stream().filter(d -> !Destination.DELIVERABLES.contains(d)).toList();
        if (!unknown.isEmpty()) {
            throw RefusedChange.invalid("deliver", "destinations.error.deliverUnknown", "deliver holds " + unknown
                    + ", which are not deliverables; use " + known, String.join(", ", unknown), known);
        }
        return new LinkedHashSet<>(deliver);
    }
}
