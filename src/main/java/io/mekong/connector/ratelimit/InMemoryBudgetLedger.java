package io.mekong.connector.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Token buckets in this process only (tests, tools); the hub uses the database ledger. */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private record Bucket(double tokens, Instant refilledAt) {
    }

    private final Clock clock;
    private final Map<String, Bucket> buckets = new HashMap<>();

    public InMemoryBudgetLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Duration take(String connectionId, double perSecond, int burst) {
        double tokens = balance(connectionId, perSecond, burst) - 1;
        buckets.put(connectionId, new Bucket(tokens, clock.instant()));
        return BudgetLedger.waitFor(tokens, perSecond);
    }

    @Override
    public synchronized double balance(String connectionId, double perSecond, int burst) {
        Bucket bucket = buckets.get(connectionId);
        return bucket == null ? burst : Math.min(burst,
                bucket.tokens() + Duration.between(bucket.refilledAt(), clock.instant()).toNanos() / 1e9 * perSecond);
    }
}
