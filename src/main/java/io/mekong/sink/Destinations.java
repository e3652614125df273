package io.mekong.sink;

import io.mekong.ops.AuditLog;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The destination table: target connections subscribed to the bus, with their counts and their trouble. */
@Repository
public class Destinations {

    private static final String SELECT = """
            select d.*, c.connector from destination d join connection c on c.id = d.connection_id""";

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    public Destinations(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A destination with what it did so far: counts since creation, and the trouble it is in, if any. */
    public record Stored(Destination destination, long delivered, long failed, String lastError, Instant failingSince,
                         Instant createdAt, Instant updatedAt) {
    }

    public Optional<Stored> find(long id) {
        return jdbc.query(SELECT + " where d.id = ?", Destinations::stored, id).stream().findFirst();
    }

    public Optional<Stored> find(String workspaceId, String apiId) {
        return jdbc.query(SELECT + " where d.workspace_id = ? and d.api_id = ?", Destinations::stored, workspaceId, apiId)
                .stream().findFirst();
    }

    /** @param workspaceId null for every workspace */
    public List<Stored> list(String workspaceId) {
        return jdbc.query(SELECT + " where (?::text is null or d.workspace_id = ?) order by d.workspace_id, d.api_id",
                Destinations::stored, workspaceId, workspaceId);
    }

    public List<Destination> enabled() {
        return jdbc.query(SELECT + " where d.enabled order by d.id", (rs, n) -> destination(rs));
    }

    @Transactional
    public Destination create(String workspaceId, String apiId, String connectionId, Set<String> deliver, boolean enabled) {
        long id = jdbc.queryForObject("""
                insert into destination (workspace_id, api_id, connection_id, deliver, enabled)
                values (?, ?, ?, ?, ?) returning id""", Long.class, workspaceId, apiId, connectionId,
                deliver.toArray(String[]::new), enabled);
        Destination created = find(id).orElseThrow().destination();
        audit.record(workspaceId, "created", "destination", apiId, details(created));
        return created;
    }

    /** Audited as {@code paused} or {@code enabled} when that is what changed, else {@code updated}, as sync jobs are. */
    @Transactional
    public Destination update(long id, String connectionId, Set<String> deliver, boolean enabled) {
        boolean wasEnabled = find(id).map(s -> s.destination().enabled()).orElse(enabled);
        jdbc.update("update destination set connection_id = ?, deliver = ?, enabled = ?, updated_at = now() where id = ?",
                connectionId, deliver.toArray(String[]::new), enabled, id);
        Destination updated = find(id).orElseThrow().destination();
        audit.record(updated.workspaceId(), wasEnabled == enabled ? "updated" : enabled ? "enabled" : "paused",
                "destination", updated.apiId(), details(updated));
        return updated;
    }

    @Transactional
    public boolean delete(long id) {
        find(id).map(Stored::destination).ifPresent(d ->
                audit.record(d.workspaceId(), "deleted", "destination", d.apiId(), Map.of()));
        return jdbc.update("delete from destination where id = ?", id) == 1;
    }

    private static Map<String, Object> details(Destination destination) {
        return Map.of("connection", destination.connectionId(), "deliver", new TreeSet<>(destination.deliver()),
                "enabled", destination.enabled());
    }

    /** The target is in trouble: the first time since it last worked, this starts the trouble's clock. */
    public void failing(long id, String error) {
        jdbc.update("update destination set last_error = ?, failing_since = coalesce(failing_since, now()) where id = ?",
                error, id);
    }

    /** Replayed dead letters the target took now: delivered after all. */
    public void replayed(long id, int taken) {
        jdbc.update("update destination set delivered = delivered + ?, failed = greatest(failed - ?, 0) where id = ?",
                taken, taken, id);
    }

    /** The ids of the workspace's enabled destinations that deliver erasures. */
    public List<Long> erasureTargets(String workspaceId) {
        return jdbc.queryForList("select id from destination where workspace_id = ? and enabled and 'erasures' = any(deliver)",
                Long.class, workspaceId);
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(destination(rs), rs.getLong("delivered"), rs.getLong("failed"), rs.getString("last_error"),
                instant(rs, "failing_since"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Destination destination(ResultSet rs) throws SQLException {
        Array deliver = rs.getArray("deliver");
        return new Destination(rs.getLong("id"), rs.getString("api_id"), rs.getString("workspace_id"),
                rs.getString("connection_id"), rs.getString("connector"),
                new LinkedHashSet<>(Arrays.asList((String[]) deliver.getArray())), rs.getBoolean("enabled"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
