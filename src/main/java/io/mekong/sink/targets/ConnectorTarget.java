package io.mekong.sink.targets;

import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.mapping.OutboundMapper;
import io.mekong.sink.Destination;
import io.mekong.sink.Target;
import java.util.function.Function;

/**
 * What every connector target's writer works with: the connector engine (the spec's actions under the connection's
 * auth, rate limit, retries and egress guard), the outbound mappings, the destination's ID map, and the connections.
 */
abstract class ConnectorTarget implements Target {

    protected final ConnectorEngine engine;
    protected final OutboundMapper mapper;
    protected final IdMap ids;
    private final Function<String, ConnectionContext> connections;
    private final String connector;

    /** @param connections opens a connection by its global id (ConnectionService::context) */
    ConnectorTarget(String connector, ConnectorEngine engine, OutboundMapper mapper, IdMap ids,
                    Function<String, ConnectionContext> connections) {
        this.connector = connector;
        this.engine = engine;
        this.mapper = mapper;
        this.ids = ids;
        this.connections = connections;
    }

    @Override
    public final boolean writes(String name) {
        return connector.equals(name);
    }

    /** The calls of one write, on the destination's connection as it is now. */
    protected TargetCalls calls(Destination destination) {
        return new TargetCalls(engine, connections.apply(destination.connectionId()));
    }
}
