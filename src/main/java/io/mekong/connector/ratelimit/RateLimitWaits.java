package io.mekong.connector.ratelimit;

import io.mekong.connector.http.HttpResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often, and how long in all, the requests of one connection waited for its rate limit since the process started:
 * the waits before sending ({@link RateLimiter#reserve}) and the waits after a throttled answer. A run shows the
 * difference between two {@link #snapshot() snapshots}. Retries after errors are not rate-limit waits.
 */
public final class RateLimitWaits {

    /** Counts at one moment; {@link #since(Snapshot)} gives what happened after an earlier one. */
    public record Snapshot(long count, Duration waited) {

        public Snapshot since(Snapshot earlier) {
            return new Snapshot(count - earlier.count, waited.minus(earlier.waited));
        }
    }

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();

    public Snapshot snapshot() {
        return new Snapshot(count.get(), Duration.ofNanos(waitedNanos.get()));
    }

    private Duration record(Duration wait) {
        if (!wait.isNegative() && !wait.isZero()) {
            count.incrementAndGet();
            waitedNanos.addAndGet(wait.toNanos());
        }
        return wait;
    }

    /** The limiter, with every wait it hands out recorded here. */
    RateLimiter counting(RateLimiter limiter) {
        return new RateLimiter() {
            @Override
            public Duration reserve(String operation) {
                return record(limiter.reserve(operation));
            }

            @Override
            public Optional<Duration> onResponse(String operation, HttpResult result) {
                return limiter.onResponse(operation, result).map(RateLimitWaits.this::record);
            }

            @Override
            public Optional<RateBudget> budget() {
                return limiter.budget();
            }

            @Override
            public int maxThrottledWaits() {
                return limiter.maxThrottledWaits();
            }
        };
    }
}
