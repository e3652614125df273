package io.mekong.ops;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** Writes to {@code app_user}; passwords are stored only as encoder hashes ({@code {bcrypt}...}). */
@Repository
public class AppUsers {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public AppUsers(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** Creates a user; merchants must name their workspace, other roles must not be confined to one. */
    public void create(String username, String password, Role role, String workspaceId) {
        if ((role == Role.MERCHANT) != (workspaceId != null)) {
            throw new IllegalArgumentException("A merchant user needs a workspace, and only a merchant user has one");
        }
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

    private Optional<String> passwordHash(String username) {
        return jdbc.queryForList("select password_hash from app_user where username = ?", String.class, username)
                .stream().findFirst();
    }
}
