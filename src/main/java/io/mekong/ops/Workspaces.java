package io.mekong.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workspaces: one merchant each, with its shops and systems. Created and renamed by admins; there is no deletion,
 * since a workspace's profiles, reporting facts and bus events are not all tied to it by foreign keys, and removing
 * a merchant's data is an erasure with its own propagation to every destination, not a row delete.
 */
@Service
public class Workspaces {

    public static final String DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final int MAX_NAME = 200;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    Workspaces(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public record Workspace(String id, String name, String timeZone, Instant createdAt) {
    }

    public List<Workspace> list() {
        return jdbc.query("select id, name, time_zone, created_at from workspace order by id", Workspaces::row);
    }

    public Optional<Workspace> find(String id) {
        return jdbc.query("select id, name, time_zone, created_at from workspace where id = ?", Workspaces::row, id)
                .stream().findFirst();
    }

    /**
     * The zone a workspace's dates are shown and its daily schedules read in; for a caller who sees every workspace
     * (no id), the default workspace's.
     */
    public ZoneId zoneOf(String workspaceId) {
        String id = workspaceId == null || workspaceId.isEmpty() ? AdminBootstrap.DEFAULT_WORKSPACE : workspaceId;
        return ZoneId.of(find(id).map(Workspace::timeZone).orElse(DEFAULT_TIME_ZONE));
    }

    public Workspace get(String id) {
        return find(id).orElseThrow(() -> RefusedChange.notFound("admin.error.workspace-unknown", "Workspace " + id
                + " not found", id));
    }

    @Transactional
    public Workspace create(String id, String name, String timeZone) {
        if (id == null || !ID.matcher(id).matches()) {
            throw RefusedChange.invalid("id", "admin.error.workspace-id-invalid", "id must be 2-63 lower-case letters, digits "
                    + "or '-', starting with a letter or digit (a slug such as shop-hanoi)");
        }
        String zone = zone(timeZone);
        String checkedName = name(name);
        try {
            jdbc.update("insert into workspace (id, name, time_zone) values (?, ?, ?)", id, checkedName, zone);
        } catch (DuplicateKeyException e) {
            throw RefusedChange.conflict("admin.error.workspace-exists", "A workspace with id " + id + " already exists", id);
        }
        audit.record(id, "created", "workspace", id, Map.of("name", checkedName, "timeZone", zone));
        return get(id);
    }

    @Transactional
    public Workspace update(String id, String name, String timeZone) {
        Workspace current = get(id);
        String checkedName = name == null ? current.name() : name(name);
        String zone = timeZone == null ? current.timeZone() : zone(timeZone);
        jdbc.update("update workspace set name = ?, time_zone = ? where id = ?", checkedName, zone, id);
        audit.record(id, "updated", "workspace", id, Map.of("name", checkedName, "timeZone", zone));
        return get(id);
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw RefusedChange.invalid("name", "admin.error.workspace-name-required", "name is required");
        }
        if (name.length() > MAX_NAME) {
            throw RefusedChange.invalid("name", "admin.error.workspace-name-long", "name must be at most " + MAX_NAME
                    + " characters", MAX_NAME);
        }
        return name.trim();
    }

    /** A valid IANA zone id, such as Asia/Ho_Chi_Minh; none given means the default. */
    private static String zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return DEFAULT_TIME_ZONE;
        }
        String id = timeZone.trim();
        if (ZoneId.getAvailableZoneIds().contains(id)) {
            return id;
        }
        // a fixed offset such as +07:00 would parse, but would not follow a region's daylight saving rules
        throw RefusedChange.invalid("timeZone", "admin.error.time-zone-invalid", "timeZone '" + timeZone
                + "' is not a time zone id such as Asia/Ho_Chi_Minh or Europe/Paris", timeZone);
    }

    private static Workspace row(ResultSet rs, int i) throws SQLException {
        return new Workspace(rs.getString("id"), rs.getString("name"), rs.getString("time_zone"),
                rs.getTimestamp("created_at").toInstant());
    }
}
