package io.mekong.connector.http;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.mekong.connector.spec.RetrySpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * When to try again and how long to wait first: capped exponential backoff with full jitter (AWS
 * architecture blog, "Exponential Backoff and Jitter"), except that a {@code Retry-After} on 429 or 503 is
 * obeyed as sent, up to {@code longestWait} when there is one: a longer one is not waited out in place (see
 * {@link #overlong}). The attempt bookkeeping is resilience4j's; the waiting is the caller's (see {@link Sleeper}).
 */
public final class RetryPolicy {

    private final RetrySpec spec;
    private final ErrorHandler errors;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Duration longestWait;

    /** A policy that waits out any {@code Retry-After} (reads of a source: the run has nothing else to do). */
    public RetryPolicy(RetrySpec spec, ErrorHandler errors, Clock clock) {
        this(spec, errors, clock, (Duration) null);
    }

    /**
     * @param longestWait the longest {@code Retry-After} waited out in place, or null for any: writes to a target pass
     *                    a longer one to the destination runtime, which pauses that destination instead of a thread
     */
    public RetryPolicy(RetrySpec spec, ErrorHandler errors, Clock clock, Duration longestWait) {
        this(spec, errors, clock, () -> ThreadLocalRandom.current().nextDouble(), longestWait);
    }

    RetryPolicy(RetrySpec spec, ErrorHandler errors, Clock clock, DoubleSupplier random) {
        this(spec, errors, clock, random, null);
    }

    private RetryPolicy(RetrySpec spec, ErrorHandler errors, Clock clock, DoubleSupplier random, Duration longestWait) {
        if (longestWait != null && longestWait.isNegative()) {
            throw new IllegalArgumentException("the longest Retry-After waited out must not be negative (was " + longestWait + ")");
        }
        this.spec = spec;
        this.errors = errors;
        this.clock = clock;
        this.random = random;
        this.longestWait = longestWait;
    }

    /** The longest {@code Retry-After} waited out in place, or null when any is. */
    public Duration longestWait() {
        return longestWait;
    }

    /** The response's {@code Retry-After} when it asks for a longer wait than this policy waits out in place. */
    public Optional<Duration> overlong(HttpResult result) {
        return longestWait == null ? Optional.empty() : retryAfter(result).filter(asked -> asked.compareTo(longestWait) > 0);
    }

    public int maxAttempts() {
        return spec.maxAttempts();
    }

    /** A fresh attempt counter for one request; its {@code onResult}/{@code onError} return the wait in ms, or -1 to stop. */
    public Retry.AsyncContext<HttpResult> start(String name) {
        return start(name, errors::isRetryable);
    }

    /** As {@link #start(String)}, with {@code retryable} deciding which responses are tried again (response filters). */
    public Retry.AsyncContext<HttpResult> start(String name, Predicate<HttpResult> retryable) {
        RetryConfig config = RetryConfig.<HttpResult>custom()
                .maxAttempts(spec.maxAttempts())
                .retryOnResult(retryable)
                .retryOnException(t -> t instanceof IOException io && errors.isRetryable(io))
                .intervalBiFunction(this::delayMillis)
                .build();
        return Retry.of(name, config).asyncContext();
    }

    private long delayMillis(int attempt, Either<Throwable, HttpResult> outcome) {
        if (outcome.isRight()) {
            Optional<Duration> retryAfter = retryAfter(outcome.get());
            if (retryAfter.isPresent()) {
                return retryAfter.get().toMillis();
            }
        }
        return backoff(attempt).toMillis();
    }

    Optional<Duration> retryAfter(HttpResult result) {
        if (result.status() != 429 && result.status() != 503) {
            return Optional.empty();
        }
        return result.header("Retry-After").flatMap(v -> RetryAfter.parse(v, clock));
    }

    /**
     * Full jitter: uniformly random between 1 ms and min(maxBackoff, initialBackoff · 2^(attempt-1)). Never 0: a draw
     * of 0 would re-send at once and be no wait at all (the requester skips empty waits).
     */
    Duration backoff(int attempt) {
        long initial = spec.initialBackoff().toMillis();
        long cap = spec.maxBackoff().toMillis();
        long ceiling = attempt >= 31 ? cap : Math.min(cap, initial << (attempt - 1));
        return Duration.ofMillis(Math.max(1, (long) (random.getAsDouble() * ceiling)));
    }
}
