package io.mekong.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.spec.TopicSpec;
import io.mekong.connector.spec.WebhookSpec;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingResult;
import io.mekong.store.PageCommit;
import io.mekong.store.PageCommitter;
import io.mekong.store.PageOutcome;
import io.mekong.store.Tombstones;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes verified deliveries from the inbox through the same mapping and store path as pulled records, as each
 * topic says ({@link TopicSpec}): a record in the body is mapped as it is, a key is read again through its stream's
 * lookup (so the stored record is the source's current one), a deletion becomes a tombstone. The store's stale check
 * keeps an out-of-order delivery from overwriting newer data; a record its mapping refuses goes to dead letters.
 *
 * <p>A batch is claimed with {@code for update skip locked}, so instances share the work and each delivery is
 * processed once; its records, dead letters and marking commit together. A batch whose source cannot be read is
 * tried again later, with a growing pause, and marked failed after {@link #MAX_ATTEMPTS}; the scheduled poll of the
 * same data still catches what it carried.
 */
@Service
public class InboxProcessor {

    static final int MAX_ATTEMPTS = 12;
    private static final Duration MAX_PAUSE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Delivery(long id, String connectionId, String topic, JsonNode body, Instant occurredAt, int attempts) {
    }

    /** What processing did with a delivery: its final status, the outcome shown to operators, the record's key. */
    private record Done(String status, String outcome, String recordKey) {
        Done(String status, String outcome) {
            this(status, outcome, null);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConnectionService connections;
    private final ConnectorEngine engine;
    private final MappingEngine mapping;
    private final PageCommitter committer;
    private final Tombstones tombstones;
    private final int batchSize;

    public InboxProcessor(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionService connections,
                          ConnectorEngine engine, MappingEngine mapping, PageCommitter committer, Tombstones tombstones,
                          @Value("${mekong.webhooks.process-batch:200}") int batchSize) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.connections = connections;
        this.engine = engine;
        this.mapping = mapping;
        this.committer = committer;
        this.tombstones = tombstones;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${mekong.webhooks.process-every:PT1S}", initialDelayString = "${mekong.webhooks.process-every:PT1S}")
    void scheduled() {
        try {
            processPending();
        } catch (RuntimeException e) {
            log.warn("webhook inbox processing failed; it is tried again: {}", e.getMessage());
        }
    }

    /** Processes pending deliveries until none is due. @return how many were claimed */
    public int processPending() {
        int total = 0;
        int claimed;
        do {
            claimed = transaction.execute(status -> processBatch());
            total += claimed;
        } while (claimed == batchSize);
        return total;
    }

    private int processBatch() {
        List<Delivery> due = jdbc.query("""
                select id, connection_id, topic, body::text as body, attempts,
                  coalesce(occurred_at, received_at) as occurred_at -- deliveries received before V6 have no event time
                from webhook_inbox
                where status = 'pending' and entity <> 'privacy' and (next_attempt_at is null or next_attempt_at <= now())
                order by id limit ? for update skip locked""", (rs, i) -> new Delivery(rs.getLong("id"),
                rs.getString("connection_id"), rs.getString("topic"), parse(rs.getString("body")),
                rs.getTimestamp("occurred_at").toInstant(), rs.getInt("attempts")), batchSize);
        due.stream().collect(Collectors.groupingBy(Delivery::connectionId, LinkedHashMap::new, Collectors.toList()))
                .forEach(this::processConnection);
        return due.size();
    }

    private void processConnection(String connectionId, List<Delivery> deliveries) {
        ConnectionContext connection;
        WebhookSpec spec;
        try {
            connection = connections.context(connectionId);
            spec = engine.webhooks(connection.connector());
        } catch (RuntimeException e) {
            retryLater(deliveries, e);
            return;
        }
        Map<Long, Done> ignored = new HashMap<>();
        Map<TopicSpec, List<Delivery>> byTopic = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            TopicSpec topic = spec == null ? null : spec.topics().get(d.topic());
            if (topic == null || topic.privacy()) {
                ignored.put(d.id(), new Done("ignored", "the connector no longer processes topic " + d.topic()));
            } else {
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(d);
            }
        }
        mark(ignored);
        // each group is marked before the next is processed, so that the next sees what it did (EventOrder)
        byTopic.forEach((topic, group) -> {
            try {
                mark(process(connection, topic, group));
            } catch (RuntimeException e) {
                retryLater(group, e);
            }
        });
    }

    private void mark(Map<Long, Done> done) {
        jdbc.batchUpdate("update webhook_inbox set status = ?, outcome = ?, record_key = ?, processed_at = now(),"
                + " attempts = attempts + 1, error = null where id = ?", done.entrySet().stream()
                .map(e -> new Object[] {e.getValue().status(), e.getValue().outcome(), e.getValue().recordKey(), e.getKey()})
                .toList());
    }

    private Map<Long, Done> process(ConnectionContext connection, TopicSpec topic, List<Delivery> deliveries) {
        if (topic.delete() != null) {
            return deleteAll(connection, topic, deliveries);
        }
        Map<Long, Done> done = new HashMap<>();
        List<JsonNode> records = new ArrayList<>();
        List<Long> recordOf = new ArrayList<>();
        List<MappingResult> results = new ArrayList<>();
        Map<Long, Delivery> byId = new HashMap<>();
        deliveries.forEach(d -> byId.put(d.id(), d));
        if (topic.record() != null) {
            // oldest event first, so that of two events of one record in a batch the newer one is applied last
            for (Delivery d : deliveries.stream().sorted(java.util.Comparator.comparing(Delivery::occurredAt)).toList()) {
                JsonNode record = d.body().at(topic.recordPointer());
                if (record.isObject()) {
                    records.add(record);
                    recordOf.add(d.id());
                } else {
                    // kept whole in dead letters, to fix and replay
                    results.add(new MappingResult.Rejected(d.body(), null,
                            "webhook " + d.topic() + " has no record at " + topic.record() + " of its body"));
                    done.put(d.id(), new Done("processed", "rejected: see dead letters"));
                }
            }
        } else {
            Map<String, List<Long>> byKey = new LinkedHashMap<>();
            for (Delivery d : deliveries) {
                String key = text(d.body().at(topic.fetch().id()));
                if (key == null) {
                    done.put(d.id(), new Done("failed", "no key at " + topic.fetch().id() + " of the body"));
                } else {
                    byKey.computeIfAbsent(topic.fetch().key(key), k -> new ArrayList<>()).add(d.id());
                }
            }
            List<JsonNode> found = engine.lookup(connection, topic.fetch().stream(), List.copyOf(byKey.keySet()));
            String keyField = engine.primaryKey(connection.connector(), topic.fetch().stream());
            for (JsonNode record : found) {
                List<Long> ids = byKey.remove(text(record.path(keyField)));
                if (ids != null) {
                    records.add(record);
                    recordOf.add(ids.get(0));
                    ids.subList(1, ids.size()).forEach(id -> done.put(id, new Done("processed", "read again with another delivery")));
                }
            }
            // gone since the event: its deletion, if the source sends one, arrives as a tombstone
            byKey.values().forEach(ids -> ids.forEach(id -> done.put(id, new Done("processed", "not found at the source"))));
        }
        Map<Long, MappingResult> resultOf = new HashMap<>();
        if (!records.isEmpty()) {
            MappedPage page = mapping.map(connection.connector(), topic.entity(), records, connection.params());
            EventOrder order = topic.record() == null ? null : new EventOrder(connection.connectionId(), topic.entity(),
                    page.results().stream().map(MappingResult::externalId).filter(k -> k != null).distinct().toList());
            for (int i = 0; i < records.size(); i++) {
                MappingResult result = page.results().get(i);
                Delivery d = byId.get(recordOf.get(i));
                if (order != null && result instanceof MappingResult.Mapped m && !order.admit(m.externalId(), d.occurredAt())) {
                    done.put(d.id(), new Done("processed", "stale: a newer event of this record was applied", m.externalId()));
                    continue;
                }
                resultOf.put(recordOf.get(i), result);
                results.add(result);
            }
        }
        if (results.isEmpty()) {
            return done;
        }
        PageOutcome outcome = committer.commit(new PageCommit(null, connection, null, new MappedPage(topic.entity(), results), null));
        resultOf.forEach((id, result) -> done.put(id, new Done("processed", result instanceof MappingResult.Mapped m
                ? outcome.staleKeys().contains(m.externalId()) ? "stale: a newer version is stored" : "stored"
                : "rejected: see dead letters", result.externalId())));
        return done;
    }

    /**
     * The order of a record's events, for bodies that carry a record without a time of its own (a Stripe customer
     * has only its creation time): an event older than one already applied to the same record, or than its deletion,
     * is not applied.
     */
    private final class EventOrder {

        private final Map<String, Instant> newest = new HashMap<>();

        /** Reads, in one query, when each of these records' newest applied event (or deletion) happened. */
        EventOrder(String connectionId, String entity, List<String> keys) {
            jdbc.query("""
                    select record_key, max(occurred_at) from webhook_inbox
                    where connection_id = ? and entity = ? and record_key = any(?)
                      and outcome in ('stored', 'deleted', 'already deleted', 'nothing stored to delete')
                    group by record_key""", rs -> {
                        newest.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    }, connectionId, entity, keys.toArray(String[]::new));
        }

        boolean admit(String key, Instant occurredAt) {
            Instant applied = newest.get(key);
            if (applied != null && occurredAt.isBefore(applied)) {
                return false;
            }
            newest.put(key, occurredAt);
            return true;
        }
    }

    private Map<Long, Done> deleteAll(ConnectionContext connection, TopicSpec topic, List<Delivery> deliveries) {
        Map<Long, Done> done = new HashMap<>();
        Map<Long, String> keyOf = new HashMap<>();
        Map<String, Instant> deletedAt = new HashMap<>();
        for (Delivery d : deliveries) {
            String key = text(d.body().at(topic.delete().id()));
            if (key == null) {
                done.put(d.id(), new Done("failed", "no key at " + topic.delete().id() + " of the body"));
            } else {
                keyOf.put(d.id(), key);
                deletedAt.merge(key, d.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<String, Tombstones.Outcome> outcomes = tombstones.delete(connection.connectionId(), topic.entity(), deletedAt);
        keyOf.forEach((id, key) -> done.put(id, new Done("processed", switch (outcomes.get(key)) {
            case DELETED -> "deleted";
            case STALE -> "stale: a newer version is stored";
            case ALREADY_DELETED -> "already deleted";
            case NOT_STORED -> "nothing stored to delete";
        }, key)));
        return done;
    }

    private void retryLater(List<Delivery> deliveries, RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.warn("webhook deliveries {} of {} not processed, tried again later: {}",
                deliveries.stream().map(Delivery::id).toList(), deliveries.get(0).connectionId(), reason);
        jdbc.batchUpdate("update webhook_inbox set attempts = ?, error = ?, status = ?, next_attempt_at = ? where id = ?",
                deliveries.stream().map(d -> {
                    int attempts = d.attempts() + 1;
                    long pause = Math.min(MAX_PAUSE.toSeconds(), 1L << Math.min(attempts, 20));
                    return new Object[] {attempts, reason, attempts >= MAX_ATTEMPTS ? "failed" : "pending",
                        Timestamp.from(Instant.now().plusSeconds(pause)), d.id()};
                }).toList());
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook_inbox holds a body that is not JSON", e);
        }
    }
}
