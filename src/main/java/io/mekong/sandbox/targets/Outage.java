package io.mekong.sandbox.targets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A simulated target being down: until it ends (at its time, or when {@link #end()} is called) every API call answers
 * {@code status}, with {@code Retry-After} for 429 and 503. Tests and the demo start one to prove that deliveries wait
 * and then arrive in full.
 */
public final class Outage {

    /** The outage in force: the status every call gets, until when. */
    public record Active(int status, Instant until) {

        /** Whole seconds left, at least 1: the {@code Retry-After} a client may trust to find the target back. */
        public long retryAfterSeconds(Instant now) {
            long millis = Duration.between(now, until).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }

        public boolean saysRetryAfter() {
            return status == 429 || status == 503;
        }
    }

    private final Clock clock;
    private volatile Active active;

    public Outage(Clock clock) {
        this.clock = clock;
    }

    /** From now on, for {@code length}, every call answers {@code status} (a 4xx or 5xx). Replaces one in force. */
    public Active start(int status, Duration length) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400..599), was " + status);
        }
        if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("seconds must be between 1 and 86400, was " + length.toSeconds());
        }
        Active started = new Active(status, clock.instant().plus(length));
        active = started;
        return started;
    }

    public void end() {
        active = null;
    }

    /** The outage in force now, if any. */
    public Optional<Active> current() {
        Active a = active;
        return a == null || !clock.instant().isBefore(a.until()) ? Optional.empty() : Optional.of(a);
    }

    Clock clock() {
        return clock;
    }
}
