package io.mekong.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
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

    private final JdbcTemplate jdbc;
    private final Map<String, CanonicalTable<?>> tables;

    public Tombstones(JdbcTemplate jdbc, List<CanonicalTable<?>> tables) {
        this.jdbc = jdbc;
        this.tables = tables.stream().collect(Collectors.toMap(CanonicalTable::entity, Function.identity()));
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

    /** Joins the caller's transaction, if any. */
    public Outcome delete(String connectionId, String entity, String externalId, Instant deletedAt) {
        CanonicalTable<?> table = table(entity);
        List<Map<String, Object>> stored = jdbc.queryForList("select deleted, source_updated_at from " + table.table()
                + " where connection_id = ? and external_id = ? for update", connectionId, externalId);
        if (stored.isEmpty()) {
            return Outcome.NOT_STORED;
        }
        if ((Boolean) stored.get(0).get("deleted")) {
            return Outcome.ALREADY_DELETED;
        }
        Timestamp at = Timestamp.from(deletedAt);
        int updated = jdbc.update("update " + table.table() + " set deleted = true, source_updated_at = ?,"
                + " content_hash = 'deleted', updated_at = now()"
                + " where connection_id = ? and external_id = ? and source_updated_at <= ?", at, connectionId, externalId, at);
        return updated == 1 ? Outcome.DELETED : Outcome.STALE;
    }

    private CanonicalTable<?> table(String entity) {
        CanonicalTable<?> table = tables.get(entity);
        if (table == null) {
            throw new IllegalArgumentException("No canonical table for entity '" + entity + "'; known: " + tables.keySet());
        }
        return table;
    }
}
