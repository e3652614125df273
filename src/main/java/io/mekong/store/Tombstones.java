package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Marks stored records deleted because their source deleted them. A tombstone is a version like any other: it
 * applies only over an older stored version, and it carries its own time, so an update delivered late (older than
 * the deletion) is skipped as stale instead of bringing the record back.
 */
@Service
public class Tombstones {

    /** What a deletion did to one record. */
    public enum Outcome { DELETED, STALE, ALREADY_DELETED, NOT_STORED }

    /**
     * Where deletions found by a sync run's sweep are counted, and the checkpoint saved with them.
     *
     * @param checkpointKey the checkpoint row of the sweep (e.g. {@code customers#sweep}); null with no checkpoint
     */
    public record SweepMark(long runId, String stream, String checkpointKey, JsonNode checkpoint) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Map<String, CanonicalTable<?>> tables;
    private final List<StoredRecordsListener> listeners;

    public Tombstones(JdbcTemplate jdbc, TransactionTemplate transaction, List<CanonicalTable<?>> tables,
                      List<StoredRecordsListener> listeners) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tables = tables.stream().collect(Collectors.toMap(CanonicalTable::entity, Function.identity()));
        this.listeners = List.copyOf(listeners);
    }

    /**
     * In one transaction: the tombstones, what their origins learn of them ({@code settle}, may be null), and for a
     * sweep the run's count of deletions and the sweep's checkpoint ({@code sweep}, may be null).
     *
     * @return how many records became tombstones
     */
    public int bury(String connectionId, String entity, Map<String, Instant> deletedAt, SweepMark sweep,
                    Consumer<Map<String, Outcome>> settle) {
        return transaction.execute(status -> {
            Map<String, Outcome> outcomes = delete(connectionId, entity, deletedAt);
            int deleted = (int) outcomes.values().stream().filter(outcome -> outcome == Outcome.DELETED).count();
            if (settle != null) {
                settle.accept(outcomes);
            }
            if (sweep != null) {
                jdbc.update("update sync_run_stream set deleted = deleted + ? where run_id = ? and stream = ?",
                        deleted, sweep.runId(), sweep.stream());
                if (sweep.checkpoint() != null) {
                    jdbc.execute((ConnectionCallback<Void>) c -> {
                        PageCommitter.saveCheckpoint(c, connectionId, sweep.checkpointKey(), sweep.checkpoint().toString());
                        return null;
                    });
                }
            }
            List<String> buried = outcomes.entrySet().stream().filter(e -> e.getValue() == Outcome.DELETED)
                    .map(Map.Entry::getKey).sorted().toList();
            if (!buried.isEmpty()) {
                listeners.forEach(listener -> listener.stored(connectionId, entity, buried));
            }
            return deleted;
        });
    }

    /**
     * The stored, not deleted records of a connection's entity that a full listing of the source did not contain,
     * among those last changed before {@code listedFrom} (a record changed since may have been created after the
     * listing passed its place).
     */
    public List<String> missingFrom(String connectionId, String entity, Collection<String> listed, Instant listedFrom) {
        return jdbc.queryForList("select external_id from " + table(entity).table() + " where connection_id = ?"
                + " and not deleted and source_updated_at < ? and not (external_id = any(?)) order by external_id",
                String.class, connectionId, Timestamp.from(listedFrom), listed.toArray(String[]::new));
    }

    /**
     * Makes tombstones of a batch of deletions in two statements, whatever its size, and says what each did. Of two
     * deletions of one record the later counts. Joins the caller's transaction, if any.
     *
     * @param deletedAt each deleted record's key and when it was deleted
     */
    Map<String, Outcome> delete(String connectionId, String entity, Map<String, Instant> deletedAt) {
        Map<String, Outcome> outcomes = new HashMap<>();
        if (deletedAt.isEmpty()) {
            return outcomes;
        }
        String table = table(entity).table();
        String[] keys = deletedAt.keySet().toArray(String[]::new);
        Map<String, Boolean> stored = new HashMap<>();
        jdbc.query("select external_id, deleted from " + table + " where connection_id = ? and external_id = any(?)"
                + " for update", rs -> {
                    stored.put(rs.getString(1), rs.getBoolean(2));
                }, connectionId, keys);
        List<String> deleted = jdbc.queryForList("update " + table + " t set deleted = true, source_updated_at = d.at::timestamptz,"
                + " content_hash = 'deleted', updated_at = now() from unnest(?::text[], ?::text[]) as d(key, at)"
                + " where t.connection_id = ? and t.external_id = d.key and not t.deleted"
                + " and t.source_updated_at <= d.at::timestamptz returning t.external_id", String.class, keys,
                Arrays.stream(keys).map(k -> deletedAt.get(k).toString()).toArray(String[]::new), connectionId);
        for (String key : keys) {
            Boolean wasDeleted = stored.get(key);
            outcomes.put(key, wasDeleted == null ? Outcome.NOT_STORED : wasDeleted ? Outcome.ALREADY_DELETED
                    : deleted.contains(key) ? Outcome.DELETED : Outcome.STALE);
        }
        return outcomes;
    }

    private CanonicalTable<?> table(String entity) {
        CanonicalTable<?> table = tables.get(entity);
        if (table == null) {
            throw new IllegalArgumentException("No canonical table for entity '" + entity + "'; known: " + tables.keySet());
        }
        return table;
    }
}
