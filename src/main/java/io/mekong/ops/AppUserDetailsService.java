package io.mekong.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Users from the {@code app_user} table; both HTTP Basic, the login form and Hawtio's login go through here. */
@Service
public class AppUserDetailsService implements UserDetailsService {

    private final JdbcTemplate jdbc;

    public AppUserDetailsService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MekongUser loadUserByUsername(String username) {
        return jdbc.query("select username, password_hash, role, workspace_id, enabled from app_user where username = ?",
                        (rs, i) -> new MekongUser(rs.getString("username"), rs.getString("password_hash"),
                                Role.fromId(rs.getString("role")), rs.getString("workspace_id"),
                                rs.getBoolean("enabled")),
                        username)
                .stream()
                .findFirst()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
