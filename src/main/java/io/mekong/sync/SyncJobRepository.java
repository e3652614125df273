package io.mekong.sync;

import io.mekong.ops.AuditLog;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class SyncJobRepository {

    private static final String COLUMNS = "id, workspace_id, connection_id, streams, schedule, time_zone, enabled, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    public SyncJobRepository(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** @param workspaceId null for every workspace */
    public List<SyncJob> list(String workspaceId) {
        return workspaceId == null
                ? jdbc.query("select " + COLUMNS + " from sync_job order by id", SyncJobRepository::row)
                : jdbc.query("select " + COLUMNS + " from sync_job where workspace_id = ? order by id", SyncJobRepository::row,
                        workspaceId);
    }

    public Optional<SyncJob> find(long id) {
        return jdbc.query("select " + COLUMNS + " from sync_job where id = ?", SyncJobRepository::row, id).stream().findFirst();
    }

    public List<SyncJob> forConnection(String connectionId) {
        return jdbc.query("select " + COLUMNS + " from sync_job where connection_id = ? order by id", SyncJobRepository::row,
                connectionId);
    }

    @Transactional
    public SyncJob create(String workspaceId, String connectionId, List<String> streams, String schedule, ZoneId timeZone,
                          boolean enabled) {
        Long id = jdbc.queryForObject("""
                insert into sync_job (workspace_id, connection_id, streams, schedule, time_zone, enabled)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class,
                workspaceId, connectionId, streams.toArray(String[]::new), schedule, timeZone.getId(), enabled);
        SyncJob job = find(id).orElseThrow();
        audit.record(workspaceId, "created", "sync", id, details(job));
        return job;
    }

    /** Audited as {@code paused} or {@code enabled} when that is what changed, else {@code updated}. */
    @Transactional
    public SyncJob update(long id, List<String> streams, String schedule, ZoneId timeZone, boolean enabled) {
        boolean wasEnabled = find(id).map(SyncJob::enabled).orElse(enabled);
        jdbc.update("update sync_job set streams = ?, schedule = ?, time_zone = ?, enabled = ?, updated_at = now() where id = ?",
                streams.toArray(String[]::new), schedule, timeZone.getId(), enabled, id);
        SyncJob job = find(id).orElseThrow();
        audit.record(job.workspaceId(), wasEnabled == enabled ? "updated" : enabled ? "enabled" : "paused", "sync", id,
                details(job));
        return job;
    }

    @Transactional
    public boolean delete(long id) {
        Optional<SyncJob> job = find(id);
        job.ifPresent(j -> audit.record(j.workspaceId(), "deleted", "sync", id, Map.of("connection", j.connectionId())));
        return jdbc.update("delete from sync_job where id = ?", id) > 0;
    }

    private static Map<String, Object> details(SyncJob job) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("connection", job.connectionId());
        detail.put("streams", job.streams());
        detail.put("schedule", job.schedule());
        detail.put("enabled", job.enabled());
        return detail;
    }

    private static SyncJob row(ResultSet rs, int n) throws SQLException {
        Array streams = rs.getArray("streams");
        return new SyncJob(rs.getLong("id"), rs.getString("workspace_id"), rs.getString("connection_id"),
                Arrays.asList((String[]) streams.getArray()), rs.getString("schedule"), ZoneId.of(rs.getString("time_zone")), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
