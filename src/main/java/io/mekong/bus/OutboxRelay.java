package io.mekong.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.config.MekongProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes the outbox's oldest rows and turns them into events (routes/relay.yaml publishes them, then calls
 * {@link #relayed}). Only the instance holding the relay's lease relays, so the events of one subject reach Kafka in
 * the order their changes committed; a crashed holder's lease expires and another instance takes over. Rows are
 * deleted only once the broker has acknowledged their events: a crash in between publishes them again under the same
 * event ids, which consumers skip. Rows of one subject in a batch become one event (the subject as it is now), under
 * the id of the last of them.
 */
@Component
public class OutboxRelay {

    static final String LEASE = "outbox-relay";

    private final JdbcTemplate jdbc;
    private final Snapshots snapshots;
    private final Leases leases;
    private final String prefix;

    public OutboxRelay(JdbcTemplate jdbc, Snapshots snapshots, Leases leases, MekongProperties properties) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.leases = leases;
        this.prefix = properties.bus().topicPrefix();
    }

    /** One event to publish: the Kafka topic, its key, the envelope. */
    public record Event(String topic, String key, String json) {
    }

    /**
     * @param events the events to publish, in outbox order
     * @param rows   the outbox rows they cover, to delete once published
     * @param full   the batch was full: more rows may wait
     */
    public record Batch(List<Event> events, List<Long> rows, boolean full) {

        static final Batch NONE = new Batch(List.of(), List.of(), false);
    }

    private record Row(long id, UUID eventId, String workspace, Topic topic, Subject subject, JsonNode payload,
                       Instant createdAt) {
    }

    /** The next batch of at most {@code max} rows, or none when another instance holds the lease. */
    public Batch claim(int max, Duration lease) {
        if (!leases.hold(LEASE, lease)) {
            return Batch.NONE;
        }
        List<Row> rows = jdbc.query("""
                select id, event_id, workspace_id, topic, connection_id, subject, payload::text, created_at
                  from outbox order by id limit ?""", (rs, n) -> new Row(rs.getLong(1), (UUID) rs.getObject(2),
                rs.getString(3), Topic.of(rs.getString(4)), new Subject(rs.getString(5), rs.getString(6)),
                rs.getString(7) == null ? null : parse(rs.getString(7)), rs.getTimestamp(8).toInstant()), max);
        if (rows.isEmpty()) {
            return Batch.NONE;
        }
        // the last row of each subject stands for the others; erasures each stand for themselves
        Map<Object, Row> latest = new LinkedHashMap<>();
        Map<Topic, List<Subject>> subjects = new EnumMap<>(Topic.class);
        for (Row row : rows) {
            Object key = row.topic() == Topic.ERASURES ? row.id() : List.of(row.topic(), row.subject());
            if (latest.remove(key) == null && row.topic() != Topic.ERASURES) {
                subjects.computeIfAbsent(row.topic(), t -> new ArrayList<>()).add(row.subject());
            }
            latest.put(key, row);
        }
        Map<Topic, Map<Subject, JsonNode>> data = new EnumMap<>(Topic.class);
        subjects.forEach((topic, list) -> data.put(topic, snapshots.read(topic, list)));
        Map<Subject, JsonNode> profiles = data.getOrDefault(Topic.PROFILES, Map.of());
        Map<Long, Long> survivors = snapshots.survivors(subjects.getOrDefault(Topic.PROFILES, List.of()).stream()
                .filter(s -> !profiles.containsKey(s)).map(s -> Long.parseLong(s.id())).toList());
        List<Event> events = new ArrayList<>();
        for (Row row : latest.values()) {
            events.add(event(row, row.topic() == Topic.ERASURES ? row.payload()
                    : data.get(row.topic()).get(row.subject()), survivors));
        }
        return new Batch(events, rows.stream().map(Row::id).toList(), rows.size() == max);
    }

    /** The rows' events are in Kafka: they leave the outbox. */
    public void relayed(Batch batch) {
        if (!batch.rows().isEmpty()) {
            jdbc.update("delete from outbox where id = any(?)", (Object) batch.rows().toArray(Long[]::new));
        }
    }

    /** Rows waiting, and the age of the oldest: the relay's lag. */
    public record Backlog(long rows, Duration oldest) {
    }

    public Backlog backlog() {
        return jdbc.queryForObject("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox",
                (rs, n) -> new Backlog(rs.getLong(1), Duration.ofMillis((long) (rs.getDouble(2) * 1000))));
    }

    /** @param survivors the profile each removed profile of the batch was merged into, where there is one */
    private Event event(Row row, JsonNode data, Map<Long, Long> survivors) {
        String subject = row.subject().connectionId() == null ? row.subject().id()
                : row.subject().connectionId() + "/" + row.subject().id();
        String change;
        if (row.topic() == Topic.ERASURES) {
            change = "requested";
        } else if (data == null) {
            // gone from the store: a profile merged into another or emptied, a record of a removed connection
            change = "removed";
            ObjectNode gone = Events.JSON.createObjectNode();
            if (row.topic() == Topic.PROFILES) {
                long profileId = Long.parseLong(row.subject().id());
                gone.put("profileId", profileId);
                if (survivors.containsKey(profileId)) {
                    gone.put("mergedInto", survivors.get(profileId));
                }
            } else {
                gone.put("connectionId", row.subject().connectionId()).put("externalId", row.subject().id());
            }
            data = gone;
        } else if (row.topic() == Topic.CHECKOUTS) {
            change = "abandoned";
        } else {
            change = data.path("deleted").asBoolean(false) ? "deleted" : "changed";
        }
        String json = Events.envelope(row.eventId(), row.topic(), change, row.workspace(), subject, row.id(),
                row.createdAt(), data);
        return new Event(prefix + row.topic().id(), row.workspace() + "/" + subject, json);
    }

    private static JsonNode parse(String json) {
        try {
            return Events.JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("outbox.payload is not JSON", e);
        }
    }
}
