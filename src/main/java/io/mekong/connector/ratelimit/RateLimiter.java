package io.mekong.connector.ratelimit;

import io.mekong.connector.http.HttpResult;
import java.time.Duration;
import java.util.Optional;

/**
 * The request budget of one connection. The requester asks before every request how long to wait, and
 * shows the limiter every response so it can learn the vendor's budget. Implementations must be thread-safe:
 * several streams of one connection may run at once.
 */
public interface RateLimiter {

    RateLimiter NONE = new RateLimiter() {
        @Override
        public Duration reserve(String operation) {
            return Duration.ZERO;
        }

        @Override
        public Optional<Duration> onResponse(String operation, HttpResult result) {
            return Optional.empty();
        }
    };

    /** Reserves budget for one request of this operation; returns how long to wait before sending it. */
    Duration reserve(String operation);

    /**
     * Learns from a response. Present when the response says the request was throttled: wait that long and
     * send the same request again (this is not a failure and spends no retry attempt).
     */
    Optional<Duration> onResponse(String operation, HttpResult result);

    /** The budget as this limiter knows it now; empty when it knows none (no limit, or nothing learnt yet). */
    default Optional<RateBudget> budget() {
        return Optional.empty();
    }

    /** How many throttled responses in a row one request may get before the connector gives up. */
    default int maxThrottledWaits() {
        return 20;
    }
}
