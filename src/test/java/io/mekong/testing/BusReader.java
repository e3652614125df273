package io.mekong.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a test's events off the bus from the beginning of some topics, as an outside consumer group would. */
public final class BusReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BusReader() {
    }

    /**
     * Every event of the topics that {@code keep} accepts, read until {@code done} holds for them (or the time is up:
     * the caller's assertions then say what is missing).
     */
    public static List<JsonNode> read(String bootstrap, Collection<String> topics, Predicate<JsonNode> keep,
                                      Predicate<List<JsonNode>> done, Duration atMost) {
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(topics);
            Instant deadline = Instant.now().plus(atMost);
            while (!done.test(events) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode event = parse(record.value());
                    if (keep.test(event)) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
