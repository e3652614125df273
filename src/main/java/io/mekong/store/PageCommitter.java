package io.mekong.store;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.JSONB;
import static io.mekong.store.BatchUpsert.Kind.TEXT;
import static io.mekong.store.BatchUpsert.Kind.TIMESTAMPTZ;

import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one page in one transaction: raw landing, canonical upserts, dead letters, run counts, the checkpoint and
 * the markings of the page's origins (webhook deliveries, replayed dead letters). Either all of it is committed or
 * none of it, so a crash never advances a checkpoint past records that were not stored, and a re-read page is
 * idempotent. Nothing here calls out of the database: the page was read before the transaction began.
 */
@Service
public class PageCommitter {

    static final BatchUpsert RAW_LANDING = BatchUpsert.into("source_record")
            .column("connection_id", TEXT).column("entity", TEXT).column("external_id", TEXT)
            .column("workspace_id", TEXT).column("payload", JSONB).column("source_updated_at", TIMESTAMPTZ)
            .column("content_hash", TEXT)
            .onConflictUpdate("connection_id, entity, external_id",
                    "source_record.content_hash <> excluded.content_hash"
                            + " and source_record.source_updated_at <= excluded.source_updated_at")
            .alsoSet("landed_at = now()")
            .build();

    static final BatchUpsert DEAD_LETTERS = BatchUpsert.into("dead_letter")
            .column("workspace_id", TEXT).column("connection_id", TEXT).column("entity", TEXT)
            .column("external_id", TEXT).column("run_id", BIGINT).column("reason", TEXT).column("payload", JSONB)
            .build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Map<String, CanonicalTable<?>> tables;
    private final ErasedRecords erased;
    private final List<StoredRecordsListener> listeners;

    @Autowired
    public PageCommitter(JdbcTemplate jdbc, TransactionTemplate transaction, List<CanonicalTable<?>> tables,
                         ErasedRecords erased, List<StoredRecordsListener> listeners) {
        this.jdbc = jdbc;
        this.erased = erased;
        this.transaction = transaction;
        this.tables = tables.stream().collect(Collectors.toMap(CanonicalTable::entity, Function.identity()));
        this.listeners = List.copyOf(listeners);
    }

    /** Stores pages and tells no one (tests of the store alone). */
    public PageCommitter(JdbcTemplate jdbc, TransactionTemplate transaction, List<CanonicalTable<?>> tables) {
        this(jdbc, transaction, tables, ErasedRecords.NONE, List.of());
    }

    public PageOutcome commit(PageCommit commit) {
        CanonicalTable<?> table = tables.get(commit.page().entity());
        if (table == null) {
            throw new IllegalArgumentException("No canonical table for entity '" + commit.page().entity()
                    + "'; known: " + tables.keySet());
        }
        return transaction.execute(status -> {
            PageOrigins origins = commit.origins();
            List<MappingResult> results = origins == null ? commit.page().results()
                    : origins.admit(commit.connection().connectionId(), commit.page().results());
            Committed committed = jdbc.execute((ConnectionCallback<Committed>) c -> commit(c, table, commit, results));
            if (origins != null) {
                origins.settle(committed.outcome());
            }
            // last: a listener may serialise on a lock of its own, which must not be held while rows above are written
            if (!committed.written().isEmpty()) {
                listeners.forEach(listener -> listener.stored(commit.connection().connectionId(), commit.page().entity(),
                        committed.written()));
            }
            return committed.outcome();
        });
    }

    /** @param written the keys of the records inserted or changed */
    private record Committed(PageOutcome outcome, List<String> written) {
    }

    private <T extends CanonicalRecord> Committed commit(Connection c, CanonicalTable<T> table, PageCommit commit,
                                                           List<MappingResult> results) throws SQLException {
        ConnectionContext connection = commit.connection();
        String entity = commit.page().entity();
        List<MappingResult.Mapped> mapped = new ArrayList<>();
        List<MappingResult.Rejected> rejected = new ArrayList<>();
        for (MappingResult result : results) {
            if (result instanceof MappingResult.Mapped m) {
                mapped.add(m);
            } else {
                rejected.add((MappingResult.Rejected) result);
            }
        }

        Map<String, Stored> current = stored(c, table.table(), connection.connectionId(),
                mapped.stream().map(MappingResult::externalId).distinct().toList());
        Map<String, CanonicalTable.Row<T>> toWrite = new LinkedHashMap<>();
        Map<String, Object[]> toLand = new LinkedHashMap<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        int stale = 0;
        Set<String> staleKeys = new HashSet<>();
        // Records are classified in source order against what is stored, so a key seen twice in one page counts
        // exactly as if the two versions had arrived in two pages.
        for (MappingResult.Mapped m : mapped) {
            T record = table.type().cast(m.record());
            String hash = Json.sha256(Json.write(record));
            Stored before = current.get(record.externalId());
            if (before != null && record.updatedAt().isBefore(before.sourceUpdatedAt())) {
                stale++;
                staleKeys.add(record.externalId());
                continue;
            }
            String payload = m.source().toString();
            toLand.put(record.externalId(), new Object[] {connection.connectionId(), entity, record.externalId(),
                connection.workspaceId(), payload, record.updatedAt(), Json.sha256(payload)});
            if (before == null) {
                inserted++;
            } else if (before.contentHash().equals(hash)) {
                unchanged++;
                continue;
            } else {
                updated++;
            }
            current.put(record.externalId(), new Stored(hash, record.updatedAt()));
            toWrite.put(record.externalId(), new CanonicalTable.Row<>(record, hash));
        }

        table.write(c, connection.workspaceId(), connection.connectionId(), List.copyOf(toWrite.values()));
        RAW_LANDING.execute(c, List.copyOf(toLand.values()));
        if (commit.origins() == null || commit.origins().addsDeadLetters()) {
            DEAD_LETTERS.execute(c, rejected.stream().map(r -> new Object[] {connection.workspaceId(),
                connection.connectionId(), entity, r.externalId(), commit.runId(), r.reason(),
                r.source() == null ? null : r.source().toString()}).toList());
        }
        Set<String> written = new HashSet<>(toLand.keySet());
        rejected.stream().map(MappingResult::externalId).filter(Objects::nonNull).forEach(written::add);
        erased.redactAgain(connection.connectionId(), entity, written);

        PageOutcome outcome = new PageOutcome(mapped.size() + rejected.size(), inserted, updated, unchanged, stale,
                rejected.size(), staleKeys);
        if (commit.runId() != null && commit.stream() != null) {
            addCounts(c, commit.runId(), commit.stream(), outcome, commit.missingDetails());
        }
        if (commit.stream() != null && commit.checkpoint() != null) {
            saveCheckpoint(c, connection.connectionId(), commit.checkpointKey() == null ? commit.stream()
                    : commit.checkpointKey(), commit.checkpoint().toString());
        }
        return new Committed(outcome, List.copyOf(toWrite.keySet()));
    }

    private record Stored(String contentHash, Instant sourceUpdatedAt) {
    }

    private static Map<String, Stored> stored(Connection c, String table, String connectionId, List<String> keys)
            throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        if (keys.isEmpty()) {
            return stored;
        }
        String sql = "select external_id, content_hash, source_updated_at from " + table
                + " where connection_id = ? and external_id = any(?)";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, connectionId);
            statement.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new Stored(rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return stored;
    }

    /** @param missing added key by key to the stream's {@code missing_details} ({"escrow": 300}) */
    private static void addCounts(Connection c, long runId, String stream, PageOutcome o, Map<String, Integer> missing)
            throws SQLException {
        String sql = """
                update sync_run_stream set batches = batches + 1, read = read + ?, inserted = inserted + ?,
                  updated = updated + ?, unchanged = unchanged + ?, stale = stale + ?, rejected = rejected + ?,
                  missing_details = (select coalesce(jsonb_object_agg(name, total), '{}'::jsonb) from (
                    select name, sum(count::int) as total from (
                      select key as name, value as count from jsonb_each_text(missing_details)
                      union all select key, value from jsonb_each_text(?::jsonb)) counts group by name) sums)
                where run_id = ? and stream = ?""";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setInt(1, o.read());
            statement.setInt(2, o.inserted());
            statement.setInt(3, o.updated());
            statement.setInt(4, o.unchanged());
            statement.setInt(5, o.stale());
            statement.setInt(6, o.rejected());
            statement.setString(7, Json.write(missing));
            statement.setLong(8, runId);
            statement.setString(9, stream);
            statement.executeUpdate();
        }
    }

    static void saveCheckpoint(Connection c, String connectionId, String stream, String state) throws SQLException {
        String sql = """
                insert into checkpoint (connection_id, stream, state) values (?, ?, ?::jsonb)
                on conflict (connection_id, stream) do update set state = excluded.state, updated_at = now()""";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, connectionId);
            statement.setString(2, stream);
            statement.setString(3, state);
            statement.executeUpdate();
        }
    }
}
