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
 */
@Component("bus")
public class BusComponent extends OperationComponent {

    static final String BATCH = "MekongOutboxBatch";

    private final OutboxRelay relay;
    private final MekongProperties.Bus settings;

    public BusComponent(OutboxRelay relay, MekongProperties properties) {
        super("bus", List.of("claim", "relayed"));
        this.relay = relay;
        this.settings = properties.bus();
    }

    @Override
    protected void process(String operation, Exchange exchange) {
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
            default -> throw new IllegalStateException(operation);
        }
    }
}
