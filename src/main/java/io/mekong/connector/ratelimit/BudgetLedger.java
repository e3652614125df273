package io.mekong.connector.ratelimit;

import java.time.Duration;

/**
 * Where request budgets are kept. The database ledger is shared by every instance of the hub, so that two
 * instances syncing one shop never exceed its limit together; the in-memory one serves a single process.
 */
public interface BudgetLedger {

    /**
     * Takes one request from a connection's token bucket, going into debt when it is empty: the caller waits
     * until the debt is paid, so concurrent callers are spaced {@code 1 / perSecond} apart.
     *
     * @return how long to wait before sending
     */
    Duration take(String connectionId, double perSecond, int burst);

    /** The connection's tokens now, taking none: {@code burst} when it never spent any, negative while in debt. */
    double balance(String connectionId, double perSecond, int burst);

    /** The wait for a balance after taking: nothing while tokens remain, else the debt paid off at {@code perSecond}. */
    static Duration waitFor(double tokens, double perSecond) {
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    }
}
