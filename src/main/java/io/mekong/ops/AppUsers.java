package io.mekong.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** Writes to {@code app_user}; passwords are stored only as encoder hashes ({@code {bcrypt}...}). */
@Repository
public class AppUsers {

    private static final String COLUMNS = "username, role, workspace_id, enabled, created_at";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public AppUsers(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** A user as others may see it: never the password hash. */
    public record Account(String username, Role role, String workspace, boolean enabled, Instant createdAt) {
    }

    /** Creates a user; merchants must name their workspace, other roles must not be confined to one. */
    public void create(String username, String password, Role role, String workspaceId) {
        checkWorkspaceRule(role, workspaceId);
        jdbc.update("insert into app_user (username, password_hash, role, workspace_id) values (?, ?, ?, ?)",
                username, encoder.encode(password), role.id(), workspaceId);
    }

    public void changePassword(String username, String password) {
        jdbc.update("update app_user set password_hash = ? where username = ?", encoder.encode(password), username);
    }

    /** True when {@code password} is the stored password of {@code username}. */
    public boolean passwordMatches(String username, String password) {
        return passwordHash(username).map(hash -> encoder.matches(password, hash)).orElse(false);
    }

    public boolean exists(String username) {
        return passwordHash(username).isPresent();
    }

    public boolean anyWithRole(Role role) {
        Boolean any = jdbc.queryForObject("select exists (select 1 from app_user where role = ?)", Boolean.class,
                role.id());
        return Boolean.TRUE.equals(any);
    }

    public List<Account> list() {
        return jdbc.query("select " + COLUMNS + " from app_user order by username", AppUsers::account);
    }

    public Optional<Account> find(String username) {
        return jdbc.query("select " + COLUMNS + " from app_user where username = ?", AppUsers::account, username)
                .stream().findFirst();
    }

    public void update(String username, Role role, String workspaceId, boolean enabled) {
        checkWorkspaceRule(role, workspaceId);
        jdbc.update("update app_user set role = ?, workspace_id = ?, enabled = ? where username = ?",
                role.id(), workspaceId, enabled, username);
    }

    public boolean delete(String username) {
        return jdbc.update("delete from app_user where username = ?", username) > 0;
    }

    /**
     * The enabled admins, locked until the transaction ends: two admins demoting each other at once must not leave
     * none, so the check of "is this the last one" and the change happen under the same locks.
     */
    public List<String> lockEnabledAdmins() {
        return jdbc.queryForList("select username from app_user where role = ? and enabled order by username for update",
                String.class, Role.ADMIN.id());
    }

    private static void checkWorkspaceRule(Role role, String workspaceId) {
        if ((role == Role.MERCHANT) != (workspaceId != null)) {
            throw new IllegalArgumentException("A merchant user needs a workspace, and only a merchant user has one");
        }
    }

    private Optional<String> passwordHash(String username) {
        return jdbc.queryForList("select password_hash from app_user where username = ?", String.class, username)
                .stream().findFirst();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("username"), Role.fromId(rs.getString("role")), rs.getString("workspace_id"),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
    }
}
