package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.config.MekongProperties;
import io.mekong.ops.RawHttp.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed sign-ins are limited per client address and per user name (HTTP Basic, the login form, Hawtio's login):
 * beyond the limit, 429 with Retry-After and no password check. Each test signs in from addresses of its own in
 * 127.0.0.0/8 (the socket's remote address is what counts), so the limits it reaches bind no other test.
 */
class SignInLimitsTest extends OpsIntegrationTest {

    @Autowired
    MekongProperties properties;

    @Test
    void anAddressWithTooManyFailuresWaitsEvenWithTheRightPassword() {
        users.create("patient-viewer", PASSWORD, Role.VIEWER, null);
        MekongProperties.SignInAttempts limits = properties.security().signInAttempts();
        for (int i = 0; i < limits.perAddress(); i++) {
            assertThat(basic("127.0.0.2", "nobody-" + i, "guess").status()).isEqualTo(401);
        }

        Answer refused = basic("127.0.0.2", "patient-viewer", PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("\"error\":\"too_many_sign_in_failures\"");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, limits.window().toSeconds());
        assertThat(basic("127.0.0.6", "patient-viewer", PASSWORD).status()).as("another address").isEqualTo(200);
    }

    @Test
    void aUserWithTooManyFailuresWaitsFromEveryAddressAndEverySignInPath() {
        users.create("locked-operator", PASSWORD, Role.OPERATOR, null);
        int perUser = properties.security().signInAttempts().perUser();
        for (int i = 0; i < perUser; i++) {
            assertThat(basic("127.0.0.3", "locked-operator", "guess-" + i).status()).isEqualTo(401);
        }

        Answer basic = basic("127.0.0.4", "locked-operator", PASSWORD);
        assertThat(basic.status()).isEqualTo(429);
        assertThat(basic.header("Retry-After")).isNotBlank();

        Answer form = RawHttp.postLoginForm(port, "127.0.0.4",
                "username=locked-operator&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), false);
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.header("Retry-After")).isNotBlank();
        assertThat(form.body()).contains("Too many failed sign-ins. Try again in");

        Answer hawtio = raw("127.0.0.4", "POST", "/actuator/hawtio/auth/login", Map.of("Content-Type", "application/json"),
                "{\"username\":\"locked-operator\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(hawtio.status()).isEqualTo(429);
        assertThat(hawtio.header("Retry-After")).isNotBlank();
    }

    @Test
    void aSuccessfulSignInClearsTheUsersCount() {
        users.create("forgetful-viewer", PASSWORD, Role.VIEWER, null);
        int perUser = properties.security().signInAttempts().perUser();
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i < perUser; i++) {
                assertThat(basic("127.0.0.5", "forgetful-viewer", "guess-" + i).status()).isEqualTo(401);
            }
            assertThat(basic("127.0.0.5", "forgetful-viewer", PASSWORD).status()).as("round %d", round).isEqualTo(200);
        }
    }

    private Answer basic(String clientAddress, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return raw(clientAddress, "GET", "/api/ops-probe/scope", Map.of("Authorization", "Basic " + token), "");
    }

    private Answer raw(String clientAddress, String method, String path, Map<String, String> headers, String body) {
        return RawHttp.exchange(port, clientAddress, method, path, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }
}
