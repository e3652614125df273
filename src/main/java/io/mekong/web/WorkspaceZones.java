package io.mekong.web;

import io.mekong.ops.AdminBootstrap;
import java.time.ZoneId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The time zone a workspace's dates are shown and its daily schedules are read in ({@code workspace.time_zone}). */
@Component
public class WorkspaceZones {

    static final ZoneId FALLBACK = ZoneId.of("Asia/Ho_Chi_Minh");

    private final JdbcTemplate jdbc;

    WorkspaceZones(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The zone of {@code workspaceId}; for a caller who sees every workspace (empty id), the default workspace's. */
    public ZoneId of(String workspaceId) {
        String id = workspaceId == null || workspaceId.isEmpty() ? AdminBootstrap.DEFAULT_WORKSPACE : workspaceId;
        return jdbc.query("select time_zone from workspace where id = ?",
                rows -> rows.next() ? ZoneId.of(rows.getString(1)) : FALLBACK, id);
    }
}
