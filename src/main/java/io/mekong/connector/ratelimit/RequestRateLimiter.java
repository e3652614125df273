package io.mekong.connector.ratelimit;

import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.RateLimitSpec;
import java.time.Duration;
import java.util.Optional;

/** A fixed request rate per connection, drawn from a {@link BudgetLedger}. A 429 is left to the retry policy. */
public final class RequestRateLimiter implements RateLimiter {

    private final String connectionId;
    private final RateLimitSpec.RequestRate spec;
    private final BudgetLedger ledger;

    public RequestRateLimiter(String connectionId, RateLimitSpec.RequestRate spec, BudgetLedger ledger) {
        this.connectionId = connectionId;
        this.spec = spec;
        this.ledger = ledger;
    }

    @Override
    public Duration reserve(String operation) {
        return ledger.take(connectionId, spec.perSecond(), spec.burst());
    }

    @Override
    public Optional<RateBudget> budget() {
        return Optional.of(new RateBudget("requests", ledger.balance(connectionId, spec.perSecond(), spec.burst()),
                spec.burst(), spec.perSecond()));
    }

    @Override
    public Optional<Duration> onResponse(String operation, HttpResult result) {
        return Optional.empty();
    }
}
