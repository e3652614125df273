package io.mekong.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.FakeTime;
import io.mekong.connector.spec.RetrySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetrySpec spec = new RetrySpec(8, Duration.ofMillis(500), Duration.ofSeconds(30), null);
    private final FakeTime time = new FakeTime();

    @Test
    void fullJitterLiesBetweenOneMillisecondAndACappedExponentialCeiling() {
        RetryPolicy highest = new RetryPolicy(spec, new DefaultErrorHandler(spec), time, () -> 0.999999);
        RetryPolicy lowest = new RetryPolicy(spec, new DefaultErrorHandler(spec), time, () -> 0.0);

        assertThat(highest.backoff(1)).isEqualTo(Duration.ofMillis(499));
        assertThat(highest.backoff(2)).isEqualTo(Duration.ofMillis(999));
        assertThat(highest.backoff(4)).isEqualTo(Duration.ofMillis(3999));
        assertThat(highest.backoff(7)).isEqualTo(Duration.ofMillis(29999));
        assertThat(highest.backoff(40)).isEqualTo(Duration.ofMillis(29999));
        // the lowest draw still pauses: a 0 would re-send at once, and the requester would record no wait
        assertThat(lowest.backoff(5)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void readsRetryAfterOnlyOn429And503() {
        RetryPolicy policy = new RetryPolicy(spec, new DefaultErrorHandler(spec), time);

        assertThat(policy.retryAfter(new HttpResult(429, Map.of("retry-after", List.of("2.0")), ""))).contains(Duration.ofSeconds(2));
        assertThat(policy.retryAfter(new HttpResult(503, Map.of("Retry-After", List.of("0.25")), ""))).contains(Duration.ofMillis(250));
        assertThat(policy.retryAfter(new HttpResult(500, Map.of("Retry-After", List.of("9")), ""))).isEmpty();
        assertThat(policy.retryAfter(new HttpResult(429, Map.of("Retry-After", List.of("soon")), ""))).isEmpty();
        assertThat(policy.retryAfter(new HttpResult(429, Map.of("Retry-After", List.of("Sat, 31 May 2025 23:00:00 GMT")), "")))
                .contains(Duration.ZERO);
    }
}
