package io.mekong.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event on the bus: CloudEvents 1.0 in its structured JSON form, with two extensions,
 * {@code workspace} and {@code sequence} (the outbox position: it grows with the order changes were committed in).
 * docs/events.md is its contract.
 */
public final class Events {

    static final ObjectMapper JSON = new ObjectMapper();

    public static final String PREFIX = "io.mekong.";

    private Events() {
    }

    /** {@code io.mekong.order.changed}, {@code io.mekong.profile.removed}, ... */
    static String type(Topic topic, String change) {
        return PREFIX + topic.subject() + "." + change;
    }

    /** The event's JSON; public for bench/ (P3), which publishes a backlog straight onto a topic. */
    public static String envelope(UUID id, Topic topic, String change, String workspace, String subject, long sequence,
                           Instant time, JsonNode data) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id.toString())
                .put("source", "mekong:" + workspace)
                .put("type", type(topic, change))
                .put("subject", subject)
                .put("time", time.toString())
                .put("datacontenttype", "application/json")
                .put("dataschema", topic.dataSchema())
                .put("workspace", workspace)
                .put("sequence", sequence);
        event.set("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an event", e);
        }
    }
}
