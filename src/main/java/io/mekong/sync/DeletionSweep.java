package io.mekong.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.spec.SweepSpec;
import io.mekong.store.Checkpoints;
import io.mekong.store.Tombstones;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the records a system deleted without saying so (a stream's {@code sweep}): every key is listed, the stored
 * records missing from the list are looked up one more time, and those the system no longer has become tombstones
 * dated when the listing began. The lookup guards against a listing that skipped a record (page-number paging while
 * records are deleted shifts the pages), so a live record is never buried. Runs at most once per {@code every}, kept
 * in the checkpoint {@code <stream>#sweep}.
 */
@Service
public class DeletionSweep {

    static final String SUFFIX = "#sweep";

    private final ConnectorEngine engine;
    private final Tombstones tombstones;
    private final Checkpoints checkpoints;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DeletionSweep(ConnectorEngine engine, Tombstones tombstones, Checkpoints checkpoints, JdbcTemplate jdbc,
                         TransactionTemplate transaction) {
        this.engine = engine;
        this.tombstones = tombstones;
        this.checkpoints = checkpoints;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = Clock.systemUTC();
    }

    /** Sweeps the stream when it declares a sweep that is due; adds the tombstones to the run's counts. */
    public void sweepIfDue(long runId, ConnectionContext connection, String stream) {
        SweepSpec sweep = engine.sweep(connection.connector(), stream);
        if (sweep == null || !due(connection.connectionId(), stream, sweep)) {
            return;
        }
        Instant listedFrom = clock.instant();
        Set<String> listed = engine.keys(connection, stream);
        String entity = engine.entity(connection.connector(), stream);
        List<String> missing = tombstones.missingFrom(connection.connectionId(), entity, listed, listedFrom);
        Set<String> alive = new HashSet<>();
        String keyField = engine.primaryKey(connection.connector(), stream);
        for (JsonNode found : missing.isEmpty() ? List.<JsonNode>of() : engine.lookup(connection, stream, missing)) {
            alive.add(found.path(keyField).asText());
        }
        transaction.executeWithoutResult(status -> {
            Map<String, Instant> gone = new HashMap<>();
            missing.stream().filter(key -> !alive.contains(key)).forEach(key -> gone.put(key, listedFrom));
            long deleted = tombstones.delete(connection.connectionId(), entity, gone).values().stream()
                    .filter(outcome -> outcome == Tombstones.Outcome.DELETED).count();
            jdbc.update("update sync_run_stream set deleted = deleted + ? where run_id = ? and stream = ?", deleted, runId, stream);
            jdbc.update("""
                    insert into checkpoint (connection_id, stream, state) values (?, ?, jsonb_build_object('sweptAt', ?::text))
                    on conflict (connection_id, stream) do update set state = excluded.state, updated_at = now()""",
                    connection.connectionId(), stream + SUFFIX, listedFrom.toString());
        });
    }

    private boolean due(String connectionId, String stream, SweepSpec sweep) {
        JsonNode state = checkpoints.load(connectionId, stream + SUFFIX);
        return state == null || !state.hasNonNull("sweptAt")
                || !Instant.parse(state.get("sweptAt").asText()).plus(sweep.every()).isAfter(clock.instant());
    }
}
