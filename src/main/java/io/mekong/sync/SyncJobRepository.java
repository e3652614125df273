package io.mekong.sync;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class SyncJobRepository {

    private static final String COLUMNS = "id, workspace_id, connection_id, streams, schedule, time_zone, enabled, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public SyncJobRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    public SyncJob create(String workspaceId, String connectionId, List<String> streams, String schedule, ZoneId timeZone,
                          boolean enabled) {
        Long id = jdbc.queryForObject("""
                insert into sync_job (workspace_id, connection_id, streams, schedule, time_zone, enabled)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class,
                workspaceId, connectionId, streams.toArray(String[]::new), schedule, timeZone.getId(), enabled);
        return find(id).orElseThrow();
    }

    public SyncJob update(long id, List<String> streams, String schedule, ZoneId timeZone, boolean enabled) {
        jdbc.update("update sync_job set streams = ?, schedule = ?, time_zone = ?, enabled = ?, updated_at = now() where id = ?",
                streams.toArray(String[]::new), schedule, timeZone.getId(), enabled, id);
        return find(id).orElseThrow();
    }

    /** The time zone the workspace's people read times in ({@code workspace.time_zone}). */
    public ZoneId workspaceZone(String workspaceId) {
        return ZoneId.of(jdbc.queryForObject("select time_zone from workspace where id = ?", String.class, workspaceId));
    }

    public boolean delete(long id) {
        return jdbc.update("delete from sync_job where id = ?", id) > 0;
    }

    private static SyncJob row(ResultSet rs, int n) throws SQLException {
        Array streams = rs.getArray("streams");
        return new SyncJob(rs.getLong("id"), rs.getString("workspace_id"), rs.getString("connection_id"),
                Arrays.asList((String[]) streams.getArray()), rs.getString("schedule"), ZoneId.of(rs.getString("time_zone")), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
