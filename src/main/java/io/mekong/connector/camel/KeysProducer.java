package io.mekong.connector.camel;

import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.Headers;
import io.mekong.connector.PageBudget;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code connector:keys}: lists every key of a stream as the system has it now (its {@code sweep} block), for finding
 * the records it deleted without saying so. In: {@link Headers#CONNECTION}, {@link Headers#STREAM}, {@link Headers#PAGE_BUDGET} (optional). Out: body = the
 * keys ({@code Set<String>}); {@link Headers#LISTED_AT} = when the listing began; {@link Headers#ENTITY}.
 */
class KeysProducer extends StreamProducer {

    KeysProducer(ConnectorEndpoint endpoint, ConnectorEngine engine) {
        super(endpoint, engine);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        ConnectionContext connection = connection(message);
        String stream = stream(message);
        Instant listedAt = engine.clock().instant();
        message.setBody(engine.keys(connection, stream, message.getHeader(Headers.PAGE_BUDGET, PageBudget.class)));
        message.setHeader(Headers.LISTED_AT, listedAt);
        message.setHeader(Headers.ENTITY, engine.entity(connection.connector(), stream));
    }
}
