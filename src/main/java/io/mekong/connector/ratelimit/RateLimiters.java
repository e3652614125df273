package io.mekong.connector.ratelimit;

import io.mekong.connector.spec.RateLimitSpec;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimiter} per connection for the life of the process. What a limiter learns from responses
 * (Shopify's cost bucket) is per process; fixed request rates are drawn from the shared {@link BudgetLedger}.
 */
public final class RateLimiters {

    private final Clock clock;
    private final BudgetLedger ledger;
    private final Map<String, RateLimiter> byConnection = new ConcurrentHashMap<>();
    private final Map<String, RateLimitWaits> waits = new ConcurrentHashMap<>();

    public RateLimiters(Clock clock, BudgetLedger ledger) {
        this.clock = clock;
        this.ledger = ledger;
    }

    public RateLimiter forConnection(String connectionId, RateLimitSpec spec) {
        if (spec == null) {
            return RateLimiter.NONE;
        }
        return byConnection.computeIfAbsent(connectionId, id -> waitsOf(id).counting(create(id, spec)));
    }

    /** The rate-limit waits of the connection's requests in this process (none yet when it has sent nothing). */
    public RateLimitWaits.Snapshot waits(String connectionId) {
        return waitsOf(connectionId).snapshot();
    }

    private RateLimitWaits waitsOf(String connectionId) {
        return waits.computeIfAbsent(connectionId, id -> new RateLimitWaits());
    }

    private RateLimiter create(String connectionId, RateLimitSpec spec) {
        if (spec instanceof RateLimitSpec.GraphqlCost cost) {
            return new GraphqlCostRateLimiter(cost, clock);
        }
        return new RequestRateLimiter(connectionId, (RateLimitSpec.RequestRate) spec, ledger);
    }
}
