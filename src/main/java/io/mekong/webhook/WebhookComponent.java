package io.mekong.webhook;

import io.mekong.config.MekongProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.camel.OperationComponent;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.Headers;
import io.mekong.connector.spec.TopicSpec;
import io.mekong.connector.spec.WebhookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code webhook:} — the inbox steps of the {@code webhooks} routes:
 * <ul>
 * <li>{@code webhook:claim}: claims due deliveries (one short statement, with a lease) and hands them on grouped
 *     per connection and topic, body {@code List<InboxBatch>}; {@link Headers#HAS_MORE} when the claim was full,
 *     {@link #CLAIMED} adds up what the exchange claimed.
 *     Deliveries of a connection that cannot be opened are put off; those of a topic the connector no longer
 *     processes are settled as ignored.</li>
 * <li>{@code webhook:records}: record mode, body {@link InboxBatch} → the records the bodies carry.</li>
 * <li>{@code webhook:keys}: fetch and delete modes, body {@link InboxBatch} → the keys the bodies name; sets
 *     {@link Headers#STREAM} to the stream that reads them again (for a deletion: that confirms it; none when the
 *     deletion is trusted as it is).</li>
 * <li>{@code webhook:found}: body the records read again → those a delivery named; for a deletion, the records the
 *     source still has, which are not deleted.</li>
 * <li>{@code webhook:retry}: after a failure, puts the batch's deliveries off (their own statement, so it survives
 *     the failure).</li>
 * </ul>
 * {@code records} and {@code keys} set {@link Headers#CONNECTION}, {@link Headers#ENTITY} and {@link Headers#ORIGINS}
 * (the batch), which the store settles in the transaction that stores the page.
 */
// Prototype: every CamelContext that resolves "webhook" gets its own instance (see StoreComponent).
@Component("webhook")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class WebhookComponent extends OperationComponent {

    /** Out ({@code webhook:claim}): deliveries claimed so far by this exchange (Integer). */
    public static final String CLAIMED = "MekongClaimed";
    private static final Logger log = LoggerFactory.getLogger(WebhookComponent.class);

    private final WebhookInbox inbox;
    private final ConnectionService connections;
    private final ConnectorEngine engine;
    private final int batchSize;
    private final Duration lease;

    public WebhookComponent(WebhookInbox inbox, ConnectionService connections, ConnectorEngine engine,
                            MekongProperties properties) {
        super("webhook", List.of("claim", "records", "keys", "found", "retry"));
        this.inbox = inbox;
        this.connections = connections;
        this.engine = engine;
        this.batchSize = properties.webhooks().processBatch();
        this.lease = properties.webhooks().claimLease();
    }

    @Override
    protected void process(String operation, Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        switch (operation) {
            case "claim" -> claim(message);
            case "records" -> message.setBody(open(message, message.getMandatoryBody(InboxBatch.class)).records());
            case "keys" -> keys(message);
            case "found" -> found(message);
            default -> retry(exchange);
        }
    }

    private void claim(Message message) {
        List<Delivery> due = inbox.claim(batchSize, lease);
        List<InboxBatch> batches = new ArrayList<>();
        due.stream().collect(Collectors.groupingBy(Delivery::connectionId, LinkedHashMap::new, Collectors.toList()))
                .forEach((connectionId, deliveries) -> batches.addAll(batches(connectionId, deliveries)));
        message.setBody(batches);
        message.setHeader(Headers.HAS_MORE, due.size() == batchSize);
        message.setHeader(CLAIMED, message.getHeader(CLAIMED, 0, Integer.class) + due.size());
    }

    private List<InboxBatch> batches(String connectionId, List<Delivery> deliveries) {
        ConnectionContext connection;
        WebhookSpec spec;
        try {
            connection = connections.context(connectionId);
            spec = engine.webhooks(connection.connector());
        } catch (RuntimeException e) {
            putOff(deliveries, ConnectorException.reasonOf(e));
            return List.of();
        }
        Map<Long, Settlement> ignored = new LinkedHashMap<>();
        Map<TopicSpec, List<Delivery>> byTopic = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            TopicSpec topic = spec == null ? null : spec.topics().get(d.topic());
            if (topic == null || topic.privacy()) {
                ignored.put(d.id(), new Settlement("ignored", "the connector no longer processes topic " + d.topic(), null));
            } else {
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(d);
            }
        }
        inbox.settle(ignored);
        return byTopic.entrySet().stream().map(e -> new InboxBatch(connection, e.getKey(), e.getValue())).toList();
    }

    private InboxBatch open(Message message, InboxBatch batch) {
        message.setHeader(Headers.CONNECTION, batch.connection());
        message.setHeader(Headers.ENTITY, batch.entity());
        message.setHeader(Headers.ORIGINS, batch);
        return batch;
    }

    private void keys(Message message) throws Exception {
        InboxBatch batch = open(message, message.getMandatoryBody(InboxBatch.class));
        message.setBody(batch.keys());
        if (batch.lookupStream() != null) {
            message.setHeader(Headers.STREAM, batch.lookupStream());
        }
    }

    private void found(Message message) throws Exception {
        InboxBatch batch = message.getHeader(Headers.ORIGINS, InboxBatch.class);
        @SuppressWarnings("unchecked")
        List<JsonNode> records = message.getMandatoryBody(List.class);
        message.setBody(batch.found(records, engine.primaryKey(batch.connection().connector(), batch.lookupStream())));
    }

    private void retry(Exchange exchange) {
        InboxBatch batch = exchange.getMessage().getHeader(Headers.ORIGINS, InboxBatch.class);
        if (batch == null) {
            batch = exchange.getMessage().getBody(InboxBatch.class);
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        putOff(batch.deliveries(), failure == null ? "processing failed" : ConnectorException.reasonOf(failure));
    }

    private void putOff(List<Delivery> deliveries, String reason) {
        log.warn("webhook deliveries {} of {} not processed, tried again later: {}",
                deliveries.stream().map(Delivery::id).toList(), deliveries.get(0).connectionId(), reason);
        inbox.retryLater(deliveries, reason);
    }
}
