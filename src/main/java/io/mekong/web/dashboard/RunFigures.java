package io.mekong.web.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's figures about connections and their runs. Each query starts from the workspace's connections (few)
 * and reaches their runs through the index on (connection_id, queued_at), within a time window or a limit, so that
 * its cost follows the runs shown, not the runs ever made. {@code workspace} null reads every workspace.
 */
@Repository
class RunFigures {

    /** Connections shown at most, by workspace and id. */
    static final int CONNECTIONS = 500;

    static final String CONNECTIONS_SQL = """
            select c.api_id, c.workspace_id, c.name, c.connector, r.id run_id, r.status, r.queued_at, r.finished_at, s.*,
              (select count(*) from dead_letter d where d.connection_id = c.id and d.status = 'open'
                 and d.destination_id is null) dead_letters
            from connection c
            left join lateral (select id, status, queued_at, finished_at from sync_run r where r.connection_id = c.id
              order by r.queued_at desc limit 1) r on true
            """ + RunCounts.SUMS + """

            where ?::text is null or c.workspace_id = ?
            order by c.workspace_id, c.api_id limit ?""";

    /** Counted per connection first: an aggregate keeps the planner on the index (a plain join scanned every run). */
    static final String STATUSES_SQL = """
            select r.status, sum(r.runs) from connection c
            join lateral (select status, count(*) runs from sync_run r where r.connection_id = c.id and r.queued_at >= ?
              group by status) r on true
            where ?::text is null or c.workspace_id = ?
            group by r.status""";

    static final String SINCE_SQL = """
            select r.id, c.workspace_id, c.api_id, r.status, r.trigger, r.queued_at, r.finished_at, s.* from connection c
            join lateral (select id, status, trigger, queued_at, finished_at from sync_run r
              where r.connection_id = c.id and r.queued_at >= ? order by r.queued_at desc limit ?) r on true
            """ + RunCounts.SUMS + """

            where ?::text is null or c.workspace_id = ?
            order by r.queued_at desc, r.id desc limit ?""";

    static final String FINISHED_SQL = """
            select r.id, c.workspace_id, c.api_id, r.status, r.trigger, r.queued_at, r.finished_at, s.* from connection c
            join lateral (select id, status, trigger, queued_at, finished_at from sync_run r
              where r.connection_id = c.id and r.status in ('succeeded', 'failed', 'interrupted')
              order by r.queued_at desc limit ?) r on true
            """ + RunCounts.SUMS + """

            where ?::text is null or c.workspace_id = ?
            order by r.queued_at desc, r.id desc limit ?""";

    private final JdbcTemplate jdbc;

    RunFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ConnectionHealth> connections(String workspace) {
        return jdbc.query(CONNECTIONS_SQL, (rs, i) -> {
            String status = rs.getString("status");
            ConnectionHealth.LastRun last = status == null ? null : new ConnectionHealth.LastRun(rs.getLong("run_id"),
                    status, instant(rs, "queued_at"), instant(rs, "finished_at"), RunCounts.of(rs));
            return new ConnectionHealth(rs.getString("api_id"), rs.getString("workspace_id"), rs.getString("name"),
                    rs.getString("connector"), ConnectionHealth.health(status), last, rs.getLong("dead_letters"));
        }, workspace, workspace, CONNECTIONS);
    }

    /** How many runs queued since {@code since} have each status. */
    Map<String, Long> statusesSince(String workspace, Instant since) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(STATUSES_SQL, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(since), workspace, workspace);
        return counts;
    }

    /** The newest {@code limit} runs queued since {@code since}, newest first. */
    List<RecentRun> since(String workspace, Instant since, int limit) {
        return jdbc.query(SINCE_SQL, RunFigures::run, Timestamp.from(since), limit, workspace, workspace, limit);
    }

    /** The last {@code limit} runs that ended, newest first. */
    List<RecentRun> lastFinished(String workspace, int limit) {
        return jdbc.query(FINISHED_SQL, RunFigures::run, limit, workspace, workspace, limit);
    }

    private static RecentRun run(ResultSet rs, int i) throws SQLException {
        return new RecentRun(rs.getLong("id"), rs.getString("workspace_id"), rs.getString("api_id"), rs.getString("status"),
                rs.getString("trigger"), instant(rs, "queued_at"), instant(rs, "finished_at"), RunCounts.of(rs));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
