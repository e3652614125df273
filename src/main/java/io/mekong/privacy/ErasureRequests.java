package io.mekong.privacy;

import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The erasure requests a caller may see, for the API and the console alike: a merchant its own workspace's, everyone
 * else every workspace's or the one they name. Another workspace's request is a 404, as if it did not exist.
 */
@Service
public class ErasureRequests {

    private final JdbcTemplate jdbc;
    private final Erasures erasures;
    private final WorkspaceScope scope;

    ErasureRequests(JdbcTemplate jdbc, Erasures erasures, WorkspaceScope scope) {
        this.jdbc = jdbc;
        this.erasures = erasures;
        this.scope = scope;
    }

    /** One line of the list: the request without what it erased. */
    public record Summary(long id, String workspace, Long profile, String origin, String status, String requestedBy,
                          Instant requestedAt, Instant completedAt) {
    }

    /** The newest {@code limit} requests, newest first (read backwards along the workspace's index). */
    public List<Summary> recent(String workspace, int limit) {
        String confined = scope.workspaceToList(workspace);
        return jdbc.query("""
                select id, workspace_id, profile_id, origin, status, requested_by, requested_at, completed_at
                from erasure_request where ?::text is null or workspace_id = ? order by id desc limit ?""",
                (rs, i) -> new Summary(rs.getLong("id"), rs.getString("workspace_id"), (Long) rs.getObject("profile_id"),
                        rs.getString("origin"), rs.getString("status"), rs.getString("requested_by"),
                        rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("completed_at") == null ? null
                        : rs.getTimestamp("completed_at").toInstant()), confined, confined, limit);
    }

    /** @throws NotInWorkspaceException (404) when it does not exist or lies outside the caller's scope */
    public ErasureRequest visible(long id, String workspace) {
        String confined = scope.workspaceToList(workspace);
        return erasures.find(id).filter(r -> confined == null || Objects.equals(confined, r.workspace()))
                .orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.ERASURE, id));
    }
}
