package io.mekong.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One verified delivery claimed from the inbox. {@code occurredAt} is the event's time, else its receipt. */
public record Delivery(long id, String connectionId, String topic, JsonNode body, Instant occurredAt, int attempts) {
}
