package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.config.MekongProperties;
import io.mekong.ops.RawHttp.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every request body is bounded before anything reads it (mekong.http.*): a declared length beyond the limit and a
 * chunked body that grows beyond it both get 413, before authentication where the limit guards a sign-in. That the
 * global limit cannot be set below the webhook limit: {@code MekongPropertiesTest}.
 */
class RequestSizeLimitsTest extends OpsIntegrationTest {

    private static final String HAWTIO_LOGIN = "/actuator/hawtio/auth/login";

    @Autowired
    MekongProperties properties;

    @Test
    void aHawtioLoginBodyBeyondTheSignInLimitIsRefusedBeforeItIsRead() {
        int limit = properties.http().maxSignInBytes();

        assertRefused(post(HAWTIO_LOGIN, json(limit + 1), false), "sign-in requests", limit);
        assertRefused(post(HAWTIO_LOGIN, json(limit + 1), true), "sign-in requests", limit);
        assertThat(post(HAWTIO_LOGIN, json(limit), true).status()).as("at the limit: read, and a wrong password")
                .isEqualTo(401);
    }

    @Test
    void aLoginFormBodyBeyondTheSignInLimitIsRefused() {
        int limit = properties.http().maxSignInBytes();
        byte[] form = ("username=admin&password=" + "x".repeat(limit)).getBytes(StandardCharsets.US_ASCII);

        assertRefused(RawHttp.exchange(port, "127.0.0.1", "POST", "/login",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form, false), "sign-in requests", limit);
    }

    @Test
    void aChunkedLoginFormBeyondTomcatsFormLimitIsNotRead() {
        // Tomcat parses form bodies itself (server.tomcat.max-http-form-post-size, 64 KB): past it, no parameters
        String fields = "username=admin&password=" + ADMIN_PASSWORD;
        assertThat(signedIn(RawHttp.postLoginForm(port, "127.0.0.1", fields, true))).as("a small chunked form")
                .isTrue();

        Answer large = RawHttp.postLoginForm(port, "127.0.0.1", fields + "&padding=" + "x".repeat(70_000), true);

        assertThat(signedIn(large)).as("%d %s", large.status(), large.headers()).isFalse();
    }

    @Test
    void sandboxBodiesHaveTheirOwnLimitEvenWhileTheSandboxIsOff() {
        int limit = properties.http().maxSandboxBytes();
        String simulator = "/sandbox/shopify/x.myshopify.com/admin/api/2025-10/graphql.json";

        assertRefused(post(simulator, json(limit + 1), false), "requests to the sandbox", limit);
        // a chunked body nobody reads is not read: with the sandbox off, the login refuses it unread
        assertThat(post(simulator, json(limit + 1), true).status()).isEqualTo(401);
    }

    @Test
    void aDeadLetterEditBeyondItsLimitIsRefusedEvenChunked() {
        int limit = properties.http().maxDeadLetterBytes();

        assertRefused(asAdmin("PUT", "/api/dead-letters/1", json(limit + 1), false), "dead-letter edits", limit);
        assertRefused(asAdmin("PUT", "/api/dead-letters/1", json(limit + 1), true), "dead-letter edits", limit);
        assertThat(asAdmin("PUT", "/api/dead-letters/999999", json(1000), true).status())
                .as("a small edit reaches the API").isEqualTo(404);
    }

    @Test
    void everyOtherRequestHasTheGlobalLimit() {
        int limit = (int) properties.http().maxRequestBytes();

        assertRefused(asAdmin("POST", "/api/connections", json(limit + 1), false), "requests", limit);
        assertRefused(asAdmin("POST", "/api/connections", json(limit + 1), true), "requests", limit);
        assertThat(asAdmin("POST", "/api/connections", json(limit), true).status()).as("at the limit: read")
                .isEqualTo(400);
    }

    /** The login form's success: a redirect to the start page (a failure goes back to /login). */
    private static boolean signedIn(Answer answer) {
        return answer.status() == 302 && URI.create(answer.header("Location")).getPath().equals("/");
    }

    private Answer post(String path, byte[] body, boolean chunked) {
        return RawHttp.exchange(port, "127.0.0.1", "POST", path, Map.of("Content-Type", "application/json"), body, chunked);
    }

    private Answer asAdmin(String method, String path, byte[] body, boolean chunked) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return RawHttp.exchange(port, "127.0.0.1", method, path,
                Map.of("Content-Type", "application/json", "Authorization", "Basic " + basic), body, chunked);
    }

    /** A JSON document of exactly {@code size} bytes: {"username":"admin","password":"xxx..."}. */
    private static byte[] json(int size) {
        byte[] prefix = "{\"username\":\"admin\",\"password\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    private static void assertRefused(Answer answer, String what, long limit) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"error\":\"payload_too_large\"")
                .contains("Bodies of " + what + " are limited to " + limit + " bytes");
    }
}
