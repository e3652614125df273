package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.config.MekongProperties;
import io.mekong.testing.TestProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The counting behind the sign-in limits, on a clock the test moves. */
class SignInAttemptsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SignInAttempts attempts = new SignInAttempts(limits(Map.of(
            "mekong.security.sign-in-attempts.per-user", "3",
            "mekong.security.sign-in-attempts.per-address", "5",
            "mekong.security.sign-in-attempts.window", "PT5M",
            "mekong.security.sign-in-attempts.tracked", "100")), nanos::get);

    @Test
    void aUserWaitsForTheRestOfTheWindowThatBeganWithTheFirstFailure() {
        attempts.failed("10.0.0.1", "ana");
        advance(Duration.ofMinutes(1));
        attempts.failed("10.0.0.2", "ana");
        attempts.failed("10.0.0.3", "ana");
        assertThat(attempts.waitFor("10.0.0.4", "ana")).isEqualTo(Duration.ofMinutes(4));

        advance(Duration.ofMinutes(4));
        assertThat(attempts.waitFor("10.0.0.4", "ana")).isZero();
    }

    @Test
    void anAddressWaitsWhateverNameItTries() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("10.0.0.9", "user" + i);
        }
        assertThat(attempts.waitFor("10.0.0.9", "someone-else")).isEqualTo(Duration.ofMinutes(5));
        assertThat(attempts.waitFor("10.0.0.8", "someone-else")).isZero();
    }

    @Test
    void successClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("10.0.0.7", "bao");
        }
        attempts.succeeded("bao");
        assertThat(attempts.waitFor("10.0.0.6", "bao")).isZero();
        assertThat(attempts.waitFor("10.0.0.7", "bao")).isPositive();
    }

    @Test
    void theTablesStayBoundedUnderAFloodOfInventedNames() {
        for (int i = 0; i < 10_000; i++) {
            attempts.failed("10.1." + (i / 250) + "." + (i % 250), "invented-" + i);
        }
        assertThat(attempts.tracked()).isLessThanOrEqualTo(2 * 100);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static MekongProperties.SignInAttempts limits(Map<String, String> settings) {
        return TestProperties.of(settings).security().signInAttempts();
    }
}
