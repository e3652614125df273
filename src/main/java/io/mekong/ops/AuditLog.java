package io.mekong.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mekong.config.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;

/**
 * Who changed what ({@code audit_event}). A change records itself through the same {@link JdbcTemplate}, so inside
 * a transaction the entry commits or rolls back with the change. The detail is small and never holds a secret: the
 * callers pass names and flags, not request bodies.
 */
@Repository
public class AuditLog {

    /** The actor of changes nobody signed in made: schedulers, start-up. */
    public static final String SYSTEM = "system";
    /** The actor of file reloads (mappings, routes). */
    public static final String FILE = "file";
    static final int PAGE_SIZE = 50;

    private final JdbcTemplate jdbc;
    private final WorkspaceScope scope;

    public AuditLog(JdbcTemplate jdbc, WorkspaceScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    public record Event(long id, Instant at, String actor, String workspace, String action, String subjectType,
                        String subjectId, Map<String, Object> detail) {
    }

    /** A page of events, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Event> items, Long nextCursor) {
    }

    /** What to list: every filter is optional. */
    public record Query(String workspace, String subjectType, String subjectId, Long cursor) {
    }

    /** Records a change made by the signed-in user (or {@link #SYSTEM} when nobody is). */
    public void record(String workspace, String action, String subjectType, Object subjectId, Map<String, ?> detail) {
        recordAs(currentActor(), workspace, action, subjectType, subjectId, detail);
    }

    public void recordAs(String actor, String workspace, String action, String subjectType, Object subjectId,
                         Map<String, ?> detail) {
        jdbc.update("""
                insert into audit_event (actor, workspace_id, action, subject_type, subject_id, detail)
                values (?, ?, ?, ?, ?, ?::jsonb)""",
                actor, workspace, action, subjectType, String.valueOf(subjectId), json(detail));
    }

    /** A mapping or route file the hub reloaded (or refused to) while running. */
    @EventListener
    public void fileReloaded(FileReloaded reload) {
        recordAs(FILE, null, reload.applied() ? "reloaded" : "refused", reload.kind(), reload.file(),
                reload.reason() == null ? Map.of() : Map.of("reason", reload.reason()));
    }

    /** The events the caller may see: a merchant only their workspace's, whatever the query names. */
    public Page page(Query query) {
        Optional<String> confined = scope.confinedTo();
        if (confined.isPresent() && query.workspace() != null && !confined.get().equals(query.workspace())) {
            throw new NotInWorkspaceException(NotInWorkspaceException.Kind.WORKSPACE, query.workspace());
        }
        String workspace = confined.orElse(query.workspace());
        StringBuilder sql = new StringBuilder("select * from audit_event where true");
        List<Object> args = new ArrayList<>();
        if (workspace != null) {
            sql.append(" and workspace_id = ?");
            args.add(workspace);
        }
        if (query.subjectType() != null) {
            sql.append(" and subject_type = ?");
            args.add(query.subjectType());
        }
        if (query.subjectId() != null) {
            sql.append(" and subject_id = ?");
            args.add(query.subjectId());
        }
        if (query.cursor() != null) {
            sql.append(" and id < ?");
            args.add(query.cursor());
        }
        sql.append(" order by id desc limit ").append(PAGE_SIZE + 1);
        List<Event> events = jdbc.query(sql.toString(), AuditLog::event, args.toArray());
        if (events.size() <= PAGE_SIZE) {
            return new Page(events, null);
        }
        List<Event> page = events.subList(0, PAGE_SIZE);
        return new Page(List.copyOf(page), page.get(PAGE_SIZE - 1).id());
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return SYSTEM;
        }
        return auth.getName();
    }

    private static String json(Map<String, ?> detail) {
        try {
            return Json.MAPPER.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Event event(ResultSet rs, int row) throws SQLException {
        Map<String, Object> detail;
        try {
            detail = Json.MAPPER.readValue(rs.getString("detail"), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_event " + rs.getLong("id") + " holds no JSON object", e);
        }
        Timestamp at = rs.getTimestamp("at");
        return new Event(rs.getLong("id"), at.toInstant(), rs.getString("actor"), rs.getString("workspace_id"),
                rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"), detail);
    }
}
