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
        Instant now = clock.instant();
        Bucket bucket = buckets.get(connectionId);
        double tokens = bucket == null ? burst
                : Math.min(burst, bucket.tokens() + Duration.between(bucket.refilledAt(), now).toNanos() / 1e9 * perSecond);
        tokens -= 1;
        buckets.put(connectionId, new Bucket(tokens, now));
        return BudgetLedger.waitFor(tokens, perSecond);
    }
}
