package io.mekong.ops.jmx;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ratelimit.RateBudget;
import io.mekong.sync.SyncRun;
import io.mekong.sync.SyncRunRepository;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the connection MBeans read. */
@Component
class ConnectionFacts {

    private final ConnectionService connections;
    private final ConnectorEngine engine;
    private final SyncRunRepository runs;

    ConnectionFacts(ConnectionService connections, ConnectorEngine engine, SyncRunRepository runs) {
        this.connections = connections;
        this.engine = engine;
        this.runs = runs;
    }

    String connector(String connectionId) {
        return connection(connectionId).connector();
    }

    Optional<RateBudget> budget(String connectionId) {
        return engine.budget(connectionId, connector(connectionId));
    }

    Optional<SyncRun> lastFailure(String connectionId) {
        return runs.lastFailure(connectionId);
    }

    private Connection connection(String connectionId) {
        return connections.find(connectionId)
                .orElseThrow(() -> new IllegalStateException("connection " + connectionId + " no longer exists"));
    }
}
