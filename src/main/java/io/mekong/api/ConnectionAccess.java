package io.mekong.api;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.connection.VisibleConnections;
import io.mekong.ops.WorkspaceScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The API's boundary for connections: callers name a connection by its API id within a workspace, and see it named
 * so; inside, everything goes by its global id. Merchants look in their own workspace only; admins and operators
 * look in every workspace, or in the one they name with {@code ?workspace=} when an id is used in several. A
 * connection the caller may not see is a 404, as if it did not exist.
 */
@Component
class ConnectionAccess {

    private final ConnectionService connections;
    private final VisibleConnections visible;
    private final WorkspaceScope scope;

    ConnectionAccess(ConnectionService connections, VisibleConnections visible, WorkspaceScope scope) {
        this.connections = connections;
        this.visible = visible;
        this.scope = scope;
    }

    Connection visible(String apiId) {
        return visible(apiId, null);
    }

    /** @param workspace the workspace the caller names, or null */
    Connection visible(String apiId, String workspace) {
        List<Connection> found = visible.byApiId(workspace, apiId);
        if (found.isEmpty()) {
            throw new NotFoundException("Connection " + apiId);
        }
        if (found.size() > 1) {
            // only callers who see every workspace get here: a merchant's workspace holds each API id once
            throw new ConflictException("connection id '" + apiId + "' is used in workspaces "
                    + found.stream().map(Connection::workspaceId).toList() + "; name one with ?workspace=");
        }
        return found.get(0);
    }

    /** The global id of a named connection for a listing's filter, or null when none is named. */
    String idIfNamed(String apiId, String workspace) {
        return apiId == null ? null : visible(apiId, workspace).id();
    }

    /** See {@link WorkspaceScope#workspaceToList(String)}. */
    String workspace(String named) {
        return scope.workspaceToList(named);
    }

    /** Names connections by their API id in one response, from their global ids, reading each connection once. */
    UnaryOperator<String> apiIds() {
        Map<String, String> known = new HashMap<>();
        return id -> id == null ? null : known.computeIfAbsent(id, key -> connections.apiId(key).orElse(key));
    }
}
