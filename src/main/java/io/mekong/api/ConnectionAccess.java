package io.mekong.api;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.WorkspaceScope;
import java.util.List;
import org.springframework.stereotype.Component;

/** Looks up connections the caller may see; anything else is a 404, as if it did not exist. */
@Component
class ConnectionAccess {

    private final ConnectionService connections;
    private final ConnectorRegistry connectors;
    private final WorkspaceScope scope;

    ConnectionAccess(ConnectionService connections, ConnectorRegistry connectors, WorkspaceScope scope) {
        this.connections = connections;
        this.connectors = connectors;
        this.scope = scope;
    }

    Connection visible(String id) {
        Connection connection = connections.find(id).orElseThrow(() -> new NotFoundException("Connection " + id));
        scope.checkAccess(connection.workspaceId(), "Connection " + id);
        return connection;
    }

    /** For listings filtered by an optional connection: a named one must be visible. */
    void visibleIfNamed(String id) {
        if (id != null) {
            visible(id);
        }
    }

    List<String> streams(String connector) {
        return connectors.find(connector).map(spec -> List.copyOf(spec.streams().keySet())).orElse(List.of());
    }
}
