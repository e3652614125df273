package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A verified HTTP Basic credential is remembered (by the hash of its header), so a script pays one BCrypt check. */
class BasicCredentialCacheTest extends OpsIntegrationTest {

    @Autowired
    CountingPasswordEncoder encoder;

    @Test
    void twoRequestsWithTheSameHeaderCheckThePasswordOnce() {
        users.create("script-reader", PASSWORD, Role.VIEWER, null);
        int before = encoder.checks();

        assertThat(send(request("/api/ops-probe/scope", "script-reader", PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/ops-probe/scope", "script-reader", PASSWORD)).statusCode()).isEqualTo(200);

        assertThat(encoder.checks() - before).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverLetIn() {
        users.create("script-guesser", PASSWORD, Role.VIEWER, null);
        assertThat(send(request("/api/ops-probe/scope", "script-guesser", PASSWORD)).statusCode()).isEqualTo(200);
        int before = encoder.checks();

        assertThat(send(request("/api/ops-probe/scope", "script-guesser", "wrong")).statusCode()).isEqualTo(401);
        assertThat(send(request("/api/ops-probe/scope", "script-guesser", "wrong")).statusCode()).isEqualTo(401);

        assertThat(encoder.checks() - before).isEqualTo(2);
    }
}
