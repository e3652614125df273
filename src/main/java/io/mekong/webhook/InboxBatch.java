package io.mekong.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.spec.TopicSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection's claimed deliveries of one topic, processed as one page by the {@code webhook-batch} route. The
 * route's steps fill it in as they go: which delivery each record in the body came from, and what was decided about
 * the deliveries that reach no record (no key in the body, read again with another delivery, gone at the source).
 * The store settles them all in the transaction that stores the page.
 */
public final class InboxBatch {

    /** How the topic's deliveries reach the store ({@link TopicSpec}). */
    public enum Mode { RECORD, FETCH, DELETE }

    /** A body that holds no record where the topic says: kept whole in dead letters, to fix and replay. */
    public record Unreadable(Delivery delivery, String reason) {
    }

    private final ConnectionContext connection;
    private final TopicSpec topic;
    private final List<Delivery> deliveries;
    private final List<Delivery> recordOf = new ArrayList<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final Map<Long, Settlement> settled = new LinkedHashMap<>();
    private final Map<String, List<Delivery>> byKey = new LinkedHashMap<>();

    InboxBatch(ConnectionContext connection, TopicSpec topic, List<Delivery> deliveries) {
        this.connection = connection;
        this.topic = topic;
        this.deliveries = List.copyOf(deliveries);
    }

    public Mode getMode() {
        return topic.delete() != null ? Mode.DELETE : topic.record() != null ? Mode.RECORD : Mode.FETCH;
    }

    public ConnectionContext connection() {
        return connection;
    }

    public String entity() {
        return topic.entity();
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    /** The stream that reads a fetch-mode topic's records again. */
    String fetchStream() {
        return topic.fetch().stream();
    }

    /**
     * Record mode: the records the bodies carry, oldest event first, so that of two events of one record the newer
     * is applied last. Each record's delivery is {@link #recordOf()} at the same index.
     */
    List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        for (Delivery d : deliveries.stream().sorted(Comparator.comparing(Delivery::occurredAt)).toList()) {
            JsonNode record = d.body().at(topic.recordPointer());
            if (record.isObject()) {
                records.add(record);
                recordOf.add(d);
            } else {
                unreadable.add(new Unreadable(d, "webhook " + d.topic() + " has no record at " + topic.record() + " of its body"));
            }
        }
        return records;
    }

    /** Fetch and delete modes: the distinct keys the bodies name; a body that names none fails. */
    List<String> keys() {
        String pointer = getMode() == Mode.DELETE ? topic.delete().id() : topic.fetch().id();
        for (Delivery d : deliveries) {
            String key = text(d.body().at(pointer));
            if (key == null) {
                settled.put(d.id(), new Settlement("failed", "no key at " + pointer + " of the body", null));
            } else {
                byKey.computeIfAbsent(getMode() == Mode.DELETE ? key : topic.fetch().key(key), k -> new ArrayList<>()).add(d);
            }
        }
        return List.copyOf(byKey.keySet());
    }

    /**
     * Fetch mode: the records read again, each given to the first delivery that named it; the others that named it
     * are settled, as are the deliveries whose record the source no longer has (its deletion, if the source sends one,
     * arrives as a tombstone).
     */
    List<JsonNode> found(List<JsonNode> records, String keyField) {
        Map<String, List<Delivery>> waiting = new LinkedHashMap<>(byKey);
        List<JsonNode> matched = new ArrayList<>();
        for (JsonNode record : records) {
            List<Delivery> named = waiting.remove(text(record.path(keyField)));
            if (named != null) {
                matched.add(record);
                recordOf.add(named.get(0));
                named.subList(1, named.size()).forEach(d -> settled.put(d.id(), Settlement.processed("read again with another delivery")));
            }
        }
        waiting.values().forEach(named -> named.forEach(d -> settled.put(d.id(), Settlement.processed("not found at the source"))));
        return matched;
    }

    /** Delete mode: when each named record was deleted; of two deletions of one record the later counts. */
    public Map<String, Instant> deletedAt() {
        Map<String, Instant> at = new HashMap<>();
        byKey.forEach((key, named) -> named.forEach(d -> at.merge(key, d.occurredAt(), (a, b) -> a.isAfter(b) ? a : b)));
        return at;
    }

    /** The deliveries that named a key. */
    public List<Delivery> namedBy(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /** The delivery of each record in the body, by index. */
    public List<Delivery> recordOf() {
        return recordOf;
    }

    public List<Unreadable> unreadable() {
        return unreadable;
    }

    /** Deliveries decided before the store (their record was not in the body). */
    public Map<Long, Settlement> settled() {
        return settled;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
