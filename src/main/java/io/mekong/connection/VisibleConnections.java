package io.mekong.connection;

import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Connections as the signed-in caller may see them: a merchant those of their own workspace only, admins and operators
 * every workspace's. A connection outside the caller's reach is a 404, as if it did not exist.
 */
@Service
public class VisibleConnections {

    private final ConnectionService connections;
    private final WorkspaceScope scope;

    VisibleConnections(ConnectionService connections, WorkspaceScope scope) {
        this.connections = connections;
        this.scope = scope;
    }

    /** @param workspace the workspace the caller names, or null for all they may see */
    public List<Connection> list(String workspace) {
        return connections.list(scope.workspaceToList(workspace));
    }

    /**
     * @param workspace the workspace the caller names, or null to look in all they may see (where several connections
     *                  may share the API id)
     */
    public List<Connection> byApiId(String workspace, String apiId) {
        return connections.findByApiId(scope.workspaceToList(workspace), apiId);
    }

    /** @throws NotInWorkspaceException (404) when the workspace has no such connection, or the caller may not see it */
    public Connection get(String workspace, String apiId) {
        return byApiId(workspace, apiId).stream().findFirst()
                .orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.CONNECTION, apiId));
    }
}
