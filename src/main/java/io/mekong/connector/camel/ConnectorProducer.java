package io.mekong.connector.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.Headers;
import io.mekong.connector.Page;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Reads one batch per exchange: one API page, or as many as it takes to reach the endpoint's {@code minRecords}. In: {@link Headers#CONNECTION}, {@link Headers#CHECKPOINT},
 * {@link Headers#PAGE_TOKEN} (and {@link Headers#SYSTEM}/{@link Headers#STREAM} overrides). Out: body =
 * {@code List<JsonNode>} records; {@link Headers#PAGE_TOKEN}, {@link Headers#HAS_MORE},
 * {@link Headers#CHECKPOINT_NEXT}, {@link Headers#ENTITY}.
 */
public class ConnectorProducer extends DefaultProducer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorEngine engine;

    ConnectorProducer(ConnectorEndpoint endpoint, ConnectorEngine engine) {
        super(endpoint);
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ConnectorEndpoint endpoint = (ConnectorEndpoint) getEndpoint();
        Message message = exchange.getMessage();
        ConnectionContext connection = message.getHeader(Headers.CONNECTION, ConnectionContext.class);
        if (connection == null) {
            throw new IllegalArgumentException("header " + Headers.CONNECTION + " (a ConnectionContext) is required by " + endpoint.getEndpointUri());
        }
        String system = message.getHeader(Headers.SYSTEM, endpoint.getSystem(), String.class);
        if (system != null && !system.equals(connection.connector())) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + " reads " + system + ", but connection "
                    + connection.connectionId() + " is a " + connection.connector() + " connection");
        }
        String stream = message.getHeader(Headers.STREAM, endpoint.getStream(), String.class);
        if (stream == null) {
            throw new IllegalArgumentException("header " + Headers.STREAM + " is required by " + endpoint.getEndpointUri());
        }
        JsonNode checkpoint = checkpoint(message.getHeader(Headers.CHECKPOINT));
        Page page = engine.fetch(connection, stream, checkpoint, message.getHeader(Headers.PAGE_TOKEN, String.class));
        List<JsonNode> records = new ArrayList<>(page.records());
        while (page.hasMore() && records.size() < endpoint.getMinRecords()) {
            page = engine.fetch(connection, stream, checkpoint, page.nextPageToken());
            records.addAll(page.records());
        }
        message.setBody(records);
        message.setHeader(Headers.PAGE_TOKEN, page.nextPageToken());
        message.setHeader(Headers.HAS_MORE, page.hasMore());
        message.setHeader(Headers.CHECKPOINT_NEXT, page.checkpoint());
        message.setHeader(Headers.ENTITY, engine.entity(connection.connector(), stream));
    }

    /** Routes may carry the checkpoint as JsonNode or as its JSON text (e.g. read from a jsonb column). */
    private static JsonNode checkpoint(Object header) throws Exception {
        if (header == null || header instanceof JsonNode) {
            return (JsonNode) header;
        }
        String text = header.toString();
        return text.isBlank() ? null : JSON.readTree(text);
    }
}
