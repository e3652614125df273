package io.mekong.connector.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.RetryAfter;
import io.mekong.connector.spec.RateLimitSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shopify-style calculated query cost: a leaky bucket of points that refills at {@code restoreRate} points/s.
 * Every response reports the bucket ({@code throttleStatus}) and what the query was charged up front
 * ({@code requestedQueryCost}); before the next request of the same operation the limiter waits until the
 * bucket will hold that cost again, so the server never has to throttle. Should it throttle anyway
 * ({@code errors[].extensions.code == THROTTLED} with HTTP 200, or HTTP 429), the request waits for the
 * refill and is sent again. State lives in memory, per connection.
 */
public final class GraphqlCostRateLimiter implements RateLimiter {

    private static final Duration UNKNOWN_REFILL_WAIT = Duration.ofSeconds(1);

    private final RateLimitSpec.GraphqlCost spec;
    private final Clock clock;
    private final Map<String, Double> costByOperation = new HashMap<>();
    private Bucket bucket;

    public GraphqlCostRateLimiter(RateLimitSpec.GraphqlCost spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    /** The bucket as last reported and reserved since; {@code at} may lie ahead when waits are queued. */
    private record Bucket(double maximum, double available, double restoreRate, Instant at) {

        double availableAt(Instant now) {
            double seconds = Duration.between(at, now).toNanos() / 1e9;
            return Math.min(maximum, available + restoreRate * seconds);
        }
    }

    @Override
    public synchronized Duration reserve(String operation) {
        Double cost = costByOperation.get(operation);
        if (bucket == null || cost == null || bucket.restoreRate() <= 0) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        double available = bucket.availableAt(now);
        if (available >= cost) {
            bucket = new Bucket(bucket.maximum(), available - cost, bucket.restoreRate(), now);
            return Duration.ZERO;
        }
        Duration wait = secondsToRefill(cost - available, bucket.restoreRate());
        bucket = new Bucket(bucket.maximum(), 0, bucket.restoreRate(), now.plus(wait));
        return wait;
    }

    @Override
    public synchronized Optional<Duration> onResponse(String operation, HttpResult result) {
        JsonNode body = result.json();
        if (body != null) {
            learn(operation, body);
        }
        if (!isThrottled(result, body)) {
            return Optional.empty();
        }
        Double cost = costByOperation.get(operation);
        if (bucket != null && cost != null && bucket.restoreRate() > 0) {
            double deficit = cost - bucket.availableAt(clock.instant());
            if (deficit > 0) {
                return Optional.of(secondsToRefill(deficit, bucket.restoreRate()));
            }
        }
        return Optional.of(result.header("Retry-After")
                .flatMap(v -> RetryAfter.parse(v, clock))
                .orElse(UNKNOWN_REFILL_WAIT));
    }

    /** Empty until the first response has reported the bucket. */
    @Override
    public synchronized Optional<RateBudget> budget() {
        return bucket == null ? Optional.empty() : Optional.of(new RateBudget("cost points",
                bucket.availableAt(clock.instant()), bucket.maximum(), bucket.restoreRate()));
    }

    @Override
    public int maxThrottledWaits() {
        return spec.maxThrottledWaits();
    }

    private void learn(String operation, JsonNode body) {
        JsonNode status = body.at(spec.throttleStatusPointer());
        if (status.hasNonNull("currentlyAvailable") && status.hasNonNull("restoreRate")) {
            double available = status.get("currentlyAvailable").asDouble();
            double maximum = status.path("maximumAvailable").asDouble(available);
            bucket = new Bucket(maximum, available, status.get("restoreRate").asDouble(), clock.instant());
        }
        JsonNode cost = body.at(spec.requestedCostPointer());
        if (cost.isNumber()) {
            costByOperation.put(operation, cost.asDouble());
        }
    }

    private boolean isThrottled(HttpResult result, JsonNode body) {
        if (result.status() == 429) {
            return true;
        }
        if (body == null) {
            return false;
        }
        for (JsonNode error : body.path("errors")) {
            if (spec.throttledErrorCode().equals(error.path("extensions").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Duration secondsToRefill(double points, double restoreRate) {
        return Duration.ofMillis((long) Math.ceil(points / restoreRate * 1000));
    }
}
