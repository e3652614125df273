package io.mekong.connector.ratelimit;

import io.mekong.connector.spec.RateLimitSpec;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimiter} per connection, kept in memory for the life of the process. (Sharing budgets
 * across instances through the database replaces this class, not the limiters' callers.)
 */
public final class RateLimiters {

    private final Clock clock;
    private final Map<String, RateLimiter> byConnection = new ConcurrentHashMap<>();

    public RateLimiters(Clock clock) {
        this.clock = clock;
    }

    public RateLimiter forConnection(String connectionId, RateLimitSpec spec) {
        if (spec == null) {
            return RateLimiter.NONE;
        }
        return byConnection.computeIfAbsent(connectionId, id -> create(spec));
    }

    private RateLimiter create(RateLimitSpec spec) {
        if (spec instanceof RateLimitSpec.GraphqlCost cost) {
            return new GraphqlCostRateLimiter(cost, clock);
        }
        throw new IllegalArgumentException("no rate limiter for " + spec);
    }
}
