package io.mekong.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll of a consumer route ({@code kafka:...?batching=true&allowManualCommit=true}): its events, parsed, and the
 * offsets to commit once the consumer has applied them, the furthest of each partition (camel-kafka's own batch
 * commit commits one partition only).
 */
public final class ReceivedBatch {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReceivedBatch.class);

    private final List<BusEvent> events;
    private final Map<TopicPartition, KafkaManualCommit> commits;

    private ReceivedBatch(List<BusEvent> events, Map<TopicPartition, KafkaManualCommit> commits) {
        this.events = events;
        this.commits = commits;
    }

    static ReceivedBatch of(List<?> records) {
        List<BusEvent> events = new ArrayList<>();
        Map<TopicPartition, KafkaManualCommit> commits = new LinkedHashMap<>();
        for (Object record : records) {
            Exchange exchange = (Exchange) record;
            String topic = exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class);
            int partition = exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            long offset = exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
            try {
                events.add(parse(exchange.getMessage().getBody(String.class), topic, partition, offset));
            } catch (IllegalArgumentException e) {
                // not ours (someone else wrote to the topic): no consumer can apply it, so it is passed over
                log.error("Passed over a record that is not a Mekong event: {}", e.getMessage());
            }
            KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                commits.put(new TopicPartition(topic, partition), commit);
            }
        }
        return new ReceivedBatch(events, commits);
    }

    public List<BusEvent> events() {
        return events;
    }

    /** Commits the batch's offsets, partition by partition, on the consumer's thread. */
    void commit() {
        commits.values().forEach(KafkaManualCommit::commit);
    }

    public static BusEvent parse(String json, String topic, int partition, long offset) {
        try {
            JsonNode event = Events.JSON.readTree(json);
            return new BusEvent(UUID.fromString(event.get("id").asText()), event.get("type").asText(),
                    event.get("workspace").asText(), event.get("subject").asText(), event.get("sequence").asLong(),
                    Instant.parse(event.get("time").asText()), event.get("data"), json, topic, partition, offset);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a Mekong event at " + topic + "-" + partition + "@" + offset
                    + ": " + e.getMessage(), e);
        }
    }
}
