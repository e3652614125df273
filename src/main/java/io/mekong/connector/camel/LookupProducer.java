package io.mekong.connector.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.Headers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code connector:lookup}: reads records of a stream again by key (webhooks that name a record, a sweep's last
 * check), outside any database transaction. In: body = the keys ({@code Collection<String>}), {@link Headers#CONNECTION},
 * {@link Headers#STREAM}. Out: body = the records the system still has ({@code List<JsonNode>}), or with
 * {@code absent=true} the keys it no longer has ({@code List<String>}); {@link Headers#ENTITY}.
 */
class LookupProducer extends StreamProducer {

    LookupProducer(ConnectorEndpoint endpoint, ConnectorEngine engine) {
        super(endpoint, engine);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ConnectionContext connection = connection(message);
        String stream = stream(message);
        @SuppressWarnings("unchecked")
        List<String> keys = List.copyOf(message.getMandatoryBody(Collection.class));
        List<JsonNode> found = keys.isEmpty() ? List.of() : engine.lookup(connection, stream, keys);
        message.setHeader(Headers.ENTITY, engine.entity(connection.connector(), stream));
        if (!getEndpoint().isAbsent()) {
            message.setBody(found);
            return;
        }
        String keyField = engine.primaryKey(connection.connector(), stream);
        Set<String> alive = new HashSet<>();
        found.forEach(record -> alive.add(record.path(keyField).asText()));
        List<String> absent = new ArrayList<>();
        keys.stream().filter(key -> !alive.contains(key)).forEach(absent::add);
        message.setBody(absent);
    }
}
