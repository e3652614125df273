package io.mekong.bus;

import io.mekong.camel.OperationComponent;
import io.mekong.config.MekongProperties;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

/**
 * The {@code bus:} steps of routes/relay.yaml. {@code bus:claim} sets the body to the next batch's events, one
 * message each with its topic and key as camel-kafka headers, so one {@code kafka:} step publishes the whole batch
 * (an iterable body is sent record by record and waited for together); header MekongHasMore says whether more
 * rows wait. {@code bus:relayed} deletes the batch's rows once Kafka has them.
 *
 * <p>Consumer routes ({@code kafka:<topics>?batching=true&allowManualCommit=true&autoCommitEnable=false}) use the
 * other two: {@code bus:received} turns a poll's records into the {@link BusEvent}s the consumer named by header
 * MekongConsumer has not applied yet, and {@code bus:commit} commits the poll's offsets once they are applied.
 */
@Component("bus")
public class BusComponent extends OperationComponent {

    static final String BATCH = "MekongOutboxBatch";
    static final String RECEIVED = "MekongReceivedBatch";
    public static final String CONSUMER = "MekongConsumer";

    private final OutboxRelay relay;
    private final MekongProperties.Bus settings;

    private final ConsumedEvents consumed;

    public BusComponent(OutboxRelay relay, ConsumedEvents consumed, MekongProperties properties) {
        super("bus", List.of("claim", "relayed", "received", "commit"));
        this.relay = relay;
        this.consumed = consumed;
        this.settings = properties.bus();
    }

    @Override
    protected void process(String operation, Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        switch (operation) {
            case "claim" -> {
                OutboxRelay.Batch batch = relay.claim(settings.relayBatch(), settings.relayLease());
                exchange.setProperty(BATCH, batch);
                message.setHeader("MekongHasMore", batch.full());
                message.setBody(batch.events().stream().map(event -> {
                    Message record = new DefaultMessage(exchange.getContext());
                    record.setHeader(KafkaConstants.OVERRIDE_TOPIC, event.topic());
                    record.setHeader(KafkaConstants.KEY, event.key());
                    record.setBody(event.json());
                    return record;
                }).toList());
            }
            case "relayed" -> relay.relayed(exchange.getProperty(BATCH, OutboxRelay.Batch.class));
            case "received" -> {
                ReceivedBatch batch = ReceivedBatch.of(message.getMandatoryBody(List.class));
                exchange.setProperty(RECEIVED, batch);
                String consumer = message.getHeader(CONSUMER, String.class);
                if (consumer == null) {
                    throw new IllegalArgumentException("bus:received needs header " + CONSUMER + " naming the consumer");
                }
                message.setBody(consumed.fresh(consumer, batch.events()));
            }
            case "commit" -> exchange.getProperty(RECEIVED, ReceivedBatch.class).commit();
            default -> throw new IllegalStateException(operation);
        }
    }
}
