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

    /** The outcome of a deletion whose record the source still has. */
    public static final String NOT_DELETED = "not deleted at the source";

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

    /**
     * The stream that reads the named records again: a fetch-mode topic's, or the one that confirms a delete-mode
     * topic's deletions; null for a deletion trusted as it is (its topic is signed with the body).
     */
    String lookupStream() {
        return getMode() == Mode.FETCH ? topic.fetch().stream() : getMode() == Mode.DELETE ? topic.delete().stream() : null;
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

    /**
     * Fetch and delete modes: the distinct keys the bodies name, as the {@link #lookupStream()} reads them (a deletion
     * trusted as it is: as stored); a body that names none fails.
     */
    List<String> keys() {
        boolean deletion = getMode() == Mode.DELETE;
        String pointer = deletion ? topic.delete().id() : topic.fetch().id();
        for (Delivery d : deliveries) {
            String key = text(d.body().at(pointer));
            if (key == null) {
                settled.put(d.id(), new Settlement("failed", "no key at " + pointer + " of the body", null));
            } else {
                byKey.computeIfAbsent(deletion ? key : topic.fetch().key(key), k -> new ArrayList<>()).add(d);
            }
        }
        return byKey.keySet().stream().map(this::lookupKey).toList();
    }

    /**
     * The records read again, each given to the first delivery that named it; the others that named it are settled.
     * Fetch mode: so are the deliveries whose record the source no longer has (its deletion, if the source sends one,
     * arrives as a tombstone). Delete mode: a record the source still has is not deleted, whatever the delivery said
     * (a captured body resent under a deletion topic); it is stored as it is now, and only the keys the source no
     * longer has are left to {@link #deletedAt()}.
     */
    List<JsonNode> found(List<JsonNode> records, String keyField) {
        boolean deletion = getMode() == Mode.DELETE;
        Map<String, String> waiting = new LinkedHashMap<>();
        byKey.keySet().forEach(key -> waiting.put(lookupKey(key), key));
        List<JsonNode> matched = new ArrayList<>();
        for (JsonNode record : records) {
            String key = waiting.remove(text(record.path(keyField)));
            if (key != null) {
                List<Delivery> named = deletion ? byKey.remove(key) : byKey.get(key);
                matched.add(record);
                recordOf.add(named.get(0));
                named.subList(1, named.size()).forEach(d -> settled.put(d.id(), Settlement.processed(
                        deletion ? NOT_DELETED : "read again with another delivery")));
            }
        }
        if (!deletion) {
            waiting.values().forEach(key -> byKey.get(key).forEach(d -> settled.put(d.id(), Settlement.processed("not found at the source"))));
        }
        return matched;
    }

    private String lookupKey(String key) {
        return getMode() == Mode.DELETE && topic.delete().confirmed() ? topic.delete().lookupKey(key) : key;
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
