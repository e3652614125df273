package io.mekong.connector.camel;

import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.Headers;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/** What every {@code connector:} operation reads first: the connection and the stream, checked against each other. */
abstract class StreamProducer extends DefaultProducer {

    protected final ConnectorEngine engine;

    StreamProducer(ConnectorEndpoint endpoint, ConnectorEngine engine) {
        super(endpoint);
        this.engine = engine;
    }

    @Override
    public ConnectorEndpoint getEndpoint() {
        return (ConnectorEndpoint) super.getEndpoint();
    }

    protected ConnectionContext connection(Message message) {
        ConnectionContext connection = message.getHeader(Headers.CONNECTION, ConnectionContext.class);
        if (connection == null) {
            throw new IllegalArgumentException("header " + Headers.CONNECTION + " (a ConnectionContext) is required by "
                    + getEndpoint().getEndpointUri());
        }
        String system = message.getHeader(Headers.SYSTEM, getEndpoint().getSystem(), String.class);
        if (system != null && !system.equals(connection.connector())) {
            throw new IllegalArgumentException(getEndpoint().getEndpointUri() + " reads " + system + ", but connection "
                    + connection.connectionId() + " is a " + connection.connector() + " connection");
        }
        return connection;
    }

    protected String stream(Message message) {
        String stream = message.getHeader(Headers.STREAM, getEndpoint().getStream(), String.class);
        if (stream == null) {
            throw new IllegalArgumentException("header " + Headers.STREAM + " is required by " + getEndpoint().getEndpointUri());
        }
        return stream;
    }
}
