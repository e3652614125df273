package io.mekong.sandbox;

import java.time.Clock;
import java.time.Instant;

/**
 * A leaky bucket of points that refills continuously at {@code restoreRate} points per second up to
 * {@code maximum}, read from an injectable clock so tests need no sleeping.
 */
public final class LeakyBucket {

    private final double maximum;
    private final double restoreRate;
    private final Clock clock;
    private double available;
    private Instant lastRefill;

    public LeakyBucket(double maximum, double restoreRate, Clock clock) {
        this.maximum = maximum;
        this.restoreRate = restoreRate;
        this.clock = clock;
        this.available = maximum;
        this.lastRefill = clock.instant();
    }

    public synchronized double available() {
        refill();
        return available;
    }

    /** Takes {@code points} if that many are available; returns whether it did. */
    public synchronized boolean tryTake(double points) {
        refill();
        if (points > available) {
            return false;
        }
        available -= points;
        return true;
    }

    /** Gives back points taken in advance but not used (never above the maximum). */
    public synchronized void refund(double points) {
        available = Math.min(maximum, available + points);
    }

    public double maximum() {
        return maximum;
    }

    public double restoreRate() {
        return restoreRate;
    }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Math.max(0, (now.toEpochMilli() - lastRefill.toEpochMilli()) / 1000.0);
        available = Math.min(maximum, available + seconds * restoreRate);
        lastRefill = now;
    }
}
