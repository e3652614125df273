package io.mekong.sync;

import io.mekong.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class SyncRunRepository {

    private static final ObjectReader COUNTS = Json.MAPPER.readerFor(new TypeReference<Map<String, Integer>>() { });


    private final JdbcTemplate jdbc;

    public SyncRunRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a run of the job unless one is already queued or running; returns the new run's id, or empty. */
    @Transactional
    public Optional<Long> queue(SyncJob job, String trigger, String owner) {
        // The row lock serialises concurrent requests for the same job, across instances too.
        jdbc.queryForObject("select id from sync_job where id = ? for update", Long.class, job.id());
        if (activeRun(job.id()).isPresent()) {
            return Optional.empty();
        }
        Long runId = jdbc.queryForObject("""
                insert into sync_run (job_id, workspace_id, connection_id, trigger, status, owner)
                values (?, ?, ?, ?, 'queued', ?) returning id""", Long.class,
                job.id(), job.workspaceId(), job.connectionId(), trigger, owner);
        for (String stream : job.streams()) {
            jdbc.update("insert into sync_run_stream (run_id, stream, status) values (?, ?, 'queued')", runId, stream);
        }
        return Optional.of(runId);
    }

    public Optional<Long> activeRun(long jobId) {
        return jdbc.queryForList("select id from sync_run where job_id = ? and status in ('queued', 'running')",
                Long.class, jobId).stream().findFirst();
    }

    /** @return false when the run is no longer this owner's queued run (a sweep finished it meanwhile) */
    @Transactional
    public boolean markRunning(long runId, String owner) {
        if (jdbc.update("update sync_run set status = 'running', started_at = now() where id = ? and owner = ?"
                + " and status = 'queued'", runId, owner) == 0) {
            return false;
        }
        jdbc.update("update sync_run_stream set status = 'running' where run_id = ?", runId);
        return true;
    }

    /** Webhook + poll reconciliation: what the run stored as new or changed had reached the store by no webhook. */
    public void markMissedByWebhooks(long runId, String stream) {
        jdbc.update("update sync_run_stream set missed_by_webhooks = inserted + updated where run_id = ? and stream = ?",
                runId, stream);
    }

    /** @return false when the run is no longer this owner's running run (a sweep finished it meanwhile) */
    public boolean markStream(long runId, String owner, String stream, String status, String error) {
        return jdbc.update("""
                update sync_run_stream set status = ?, error = ? where run_id = ? and stream = ?
                and exists (select 1 from sync_run where id = ? and owner = ? and status = 'running')""",
                status, error, runId, stream, runId, owner) > 0;
    }

    /**
     * Ends a run that {@code owner} still holds, i.e. that is still queued or running under it: a run that another
     * instance's sweep has already finished (it took this owner for dead) keeps that end. Streams not yet ended take
     * the run's status.
     *
     * @return whether this call ended the run
     */
    @Transactional
    public boolean finish(long runId, String owner, String status, String error) {
        if (jdbc.update("update sync_run set status = ?, error = ?, finished_at = now() where id = ?"
                + " and owner is not distinct from ? and status in ('queued', 'running')", status, error, runId, owner) == 0) {
            return false;
        }
        jdbc.update("update sync_run_stream set status = ? where run_id = ? and status in ('queued', 'running')",
                status, runId);
        return true;
    }

    /** Runs queued or running, with their owners; see {@link InstanceLiveness} for which are orphans. */
    public List<SyncRun> unfinished() {
        return jdbc.query("select * from sync_run where status in ('queued', 'running') order by id", this::row);
    }

    public Optional<SyncRun> find(long runId) {
        return jdbc.query("select * from sync_run where id = ?", this::row, runId).stream().findFirst();
    }

    public List<SyncRun> forJob(long jobId, int limit) {
        return jdbc.query("select * from sync_run where job_id = ? order by id desc limit ?", this::row, jobId, limit);
    }

    /** The connection's latest run that ended with an error. */
    public Optional<SyncRun> lastFailure(String connectionId) {
        return jdbc.query("select * from sync_run where connection_id = ? and error is not null"
                + " order by finished_at desc nulls last, id desc limit 1", this::row, connectionId).stream().findFirst();
    }

    /** The connection's latest run, of any of its jobs. */
    public Optional<SyncRun> latestOfConnection(String connectionId) {
        return jdbc.query("select * from sync_run where connection_id = ? order by id desc limit 1", this::row, connectionId)
                .stream().findFirst();
    }

    /** When a run of the connection last succeeded, if one ever did. */
    public Optional<Instant> lastSucceeded(String connectionId) {
        return Optional.ofNullable(jdbc.queryForObject("select max(finished_at) from sync_run where connection_id = ?"
                + " and status = 'succeeded'", Timestamp.class, connectionId)).map(Timestamp::toInstant);
    }

    private SyncRun row(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        Long jobId = rs.getObject("job_id") == null ? null : rs.getLong("job_id");
        List<SyncRun.StreamRun> streams = jdbc.query(
                "select * from sync_run_stream where run_id = ? order by stream", (s, i) -> new SyncRun.StreamRun(
                        s.getString("stream"), s.getString("status"), s.getInt("batches"), s.getInt("read"),
                        s.getInt("inserted"), s.getInt("updated"), s.getInt("unchanged"), s.getInt("stale"),
                        s.getInt("rejected"), s.getInt("deleted"), (Integer) s.getObject("missed_by_webhooks"), s.getString("error"),
                        missingDetails(s.getString("missing_details"))), id);
        return new SyncRun(id, jobId, rs.getString("workspace_id"), rs.getString("connection_id"),
                rs.getString("trigger"), rs.getString("status"), rs.getString("owner"), instant(rs.getTimestamp("queued_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), rs.getString("error"),
                streams);
    }

    private static Map<String, Integer> missingDetails(String json) {
        try {
            return json == null ? Map.of() : COUNTS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sync_run_stream.missing_details is not a JSON object of counts: " + json, e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
