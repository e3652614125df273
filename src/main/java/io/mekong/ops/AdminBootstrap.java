package io.mekong.ops;

import io.mekong.config.MekongProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes a fresh installation usable: the {@code default} workspace and an {@code admin} user exist after start.
 * The admin password comes from {@code mekong.admin-password} (MEKONG_ADMIN_PASSWORD); without it a random one is
 * generated when the admin is first created and printed once, since it is stored only as a hash afterwards.
 * Runs as the bean is initialised, so users exist before any request or runner needs them.
 */
@Component
public class AdminBootstrap implements InitializingBean {

    public static final String ADMIN = "admin";
    public static final String DEFAULT_WORKSPACE = "default";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final AppUsers users;
    private final String configuredPassword;

    public AdminBootstrap(JdbcTemplate jdbc, AppUsers users, MekongProperties properties) {
        this.jdbc = jdbc;
        this.users = users;
        this.configuredPassword = properties.adminPassword();
    }

    @Override
    public void afterPropertiesSet() {
        ensureDefaultWorkspace();
        ensureAdmin();
    }

    void ensureDefaultWorkspace() {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict (id) do nothing",
                DEFAULT_WORKSPACE, "Default workspace");
    }

    void ensureAdmin() {
        boolean configured = !configuredPassword.isBlank();
        if (!users.exists(ADMIN)) {
            if (users.anyWithRole(Role.ADMIN) && !configured) {
                return; // the installation chose other admin names; nothing to bootstrap
            }
            String password = configured ? configuredPassword : generatePassword();
            users.create(ADMIN, password, Role.ADMIN, null);
            if (!configured) {
                log.warn("""

                        ******************************************************************
                        Created user 'admin' with the generated password: {}
                        It is shown only this once. Set MEKONG_ADMIN_PASSWORD to choose it.
                        ******************************************************************""", password);
            } else {
                log.info("Created user 'admin' with the password from MEKONG_ADMIN_PASSWORD");
            }
        } else if (configured && !users.passwordMatches(ADMIN, configuredPassword)) {
            users.changePassword(ADMIN, configuredPassword);
            log.info("Updated the password of user 'admin' from MEKONG_ADMIN_PASSWORD");
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
