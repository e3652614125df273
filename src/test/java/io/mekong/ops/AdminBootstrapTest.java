package io.mekong.ops;

import io.mekong.testing.TestProperties;
import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest extends OpsIntegrationTest {

    private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

    @AfterEach
    void restoreConfiguredAdmin() {
        new AdminBootstrap(jdbc, users, TestProperties.of(Map.of("mekong.admin-password", ADMIN_PASSWORD))).ensureAdmin();
    }

    @Test
    void defaultWorkspaceExists() {
        assertThat(jdbc.queryForObject("select name from workspace where id = 'default'", String.class))
                .isEqualTo("Default workspace");
    }

    @Test
    void generatedPasswordIsPrintedOnceAndWorks(CapturedOutput output) {
        jdbc.update("delete from app_user where username = 'admin'");
        AdminBootstrap withoutPassword = new AdminBootstrap(jdbc, users, TestProperties.of(Map.of()));

        withoutPassword.ensureAdmin();
        Matcher printed = GENERATED.matcher(output.getAll());
        assertThat(printed.find()).as("password printed at first start").isTrue();
        String password = printed.group(1);
        assertThat(output.getAll()).contains("WARN");
        assertThat(send(request("/api/ops-probe/scope", "admin", password)).statusCode()).isEqualTo(200);

        withoutPassword.ensureAdmin();
        assertThat(GENERATED.matcher(output.getAll()).results().count()).as("never printed again").isEqualTo(1);
        assertThat(users.passwordMatches("admin", password)).isTrue();
    }

    @Test
    void configuredPasswordReplacesADifferentStoredOne(CapturedOutput output) {
        users.changePassword("admin", "some-older-password");

        new AdminBootstrap(jdbc, users, TestProperties.of(Map.of("mekong.admin-password", ADMIN_PASSWORD))).ensureAdmin();

        assertThat(users.passwordMatches("admin", ADMIN_PASSWORD)).isTrue();
        assertThat(output.getAll()).doesNotContain(ADMIN_PASSWORD);
        assertThat(jdbc.queryForObject("select password_hash from app_user where username = 'admin'", String.class))
                .startsWith("{bcrypt}");
    }
}
