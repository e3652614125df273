package io.mekong.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One event read off the bus (docs/events.md): its envelope's attributes and its data, as a consumer sees it.
 *
 * @param json  the whole event as published (the envelope and its data)
 * @param topic the Kafka topic it was read from; @param partition and @param offset where
 */
public record BusEvent(UUID id, String type, String workspace, String subject, long sequence, Instant time,
                       JsonNode data, String json, String topic, int partition, long offset) {

    /** The subject kind: {@code order} for {@code io.mekong.order.changed}. */
    public String kind() {
        return type.substring("io.mekong.".length(), type.lastIndexOf('.'));
    }

    /** The change: changed, deleted, removed, requested, abandoned. */
    public String change() {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
