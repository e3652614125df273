package io.mekong.sandbox;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which faults a simulator injects (all off by default). Counting is per simulated tenant (e.g. per shop),
 * over every request that passed routing and authentication.
 *
 * @param failEveryNth      answer every Nth request with {@code failStatus} (0 = never)
 * @param failFraction      answer this fraction of requests with {@code failStatus}, drawn from a seeded random
 * @param failStatus        the 5xx status for injected failures
 * @param throttleEveryNth  answer every Nth request with HTTP 429 and {@code Retry-After} (0 = never)
 * @param retryAfterSeconds the {@code Retry-After} value sent with injected 429s
 * @param latencyMillis     added to every request
 * @param seed              seed of the random draw behind {@code failFraction}
 */
public record FaultPlan(
        @DefaultValue("0") int failEveryNth,
        @DefaultValue("0") double failFraction,
        @DefaultValue("503") int failStatus,
        @DefaultValue("0") int throttleEveryNth,
        @DefaultValue("2.0") double retryAfterSeconds,
        @DefaultValue("0") long latencyMillis,
        @DefaultValue("1") long seed) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 503, 0, 2.0, 0, 1);

    public FaultPlan {
        if (failStatus < 500 || failStatus > 599) {
            throw new IllegalArgumentException("failStatus must be a 5xx status, was " + failStatus);
        }
        if (failFraction < 0 || failFraction > 1) {
            throw new IllegalArgumentException("failFraction must be within [0, 1], was " + failFraction);
        }
    }

    public FaultPlan withFailEveryNth(int n) {
        return new FaultPlan(n, failFraction, failStatus, throttleEveryNth, retryAfterSeconds, latencyMillis, seed);
    }

    public FaultPlan withFailFraction(double fraction) {
        return new FaultPlan(failEveryNth, fraction, failStatus, throttleEveryNth, retryAfterSeconds, latencyMillis, seed);
    }

    public FaultPlan withThrottleEveryNth(int n, double retryAfter) {
        return new FaultPlan(failEveryNth, failFraction, failStatus, n, retryAfter, latencyMillis, seed);
    }

    public FaultPlan withLatencyMillis(long millis) {
        return new FaultPlan(failEveryNth, failFraction, failStatus, throttleEveryNth, retryAfterSeconds, millis, seed);
    }
}
