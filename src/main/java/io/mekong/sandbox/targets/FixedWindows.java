package io.mekong.sandbox.targets;

import java.time.Clock;
import java.time.Duration;

/**
 * Klaviyo's limiter: two fixed windows at once, a burst one (1 s) and a steady one (1 min), each starting at a
 * multiple of its length; a call needs room in both, and a refused call takes none. The headers describe the steady
 * window, as Klaviyo's do.
 */
public final class FixedWindows {

    private final Clock clock;
    private final long[] limits;
    private final long[] lengthsMillis;
    private final long[] windowStarts;
    private final long[] used;

    public FixedWindows(Clock clock, int burstPerSecond, int steadyPerMinute) {
        if (burstPerSecond < 1 || steadyPerMinute < 1) {
            throw new IllegalArgumentException("burst and steady limits must be at least 1, were " + burstPerSecond
                    + " and " + steadyPerMinute);
        }
        this.clock = clock;
        this.limits = new long[] {burstPerSecond, steadyPerMinute};
        this.lengthsMillis = new long[] {Duration.ofSeconds(1).toMillis(), Duration.ofMinutes(1).toMillis()};
        this.windowStarts = new long[] {Long.MIN_VALUE, Long.MIN_VALUE};
        this.used = new long[2];
    }

    public synchronized Quota tryTake() {
        long now = clock.millis();
        for (int i = 0; i < limits.length; i++) {
            long start = now - Math.floorMod(now, lengthsMillis[i]);
            if (start != windowStarts[i]) {
                windowStarts[i] = start;
                used[i] = 0;
            }
        }
        for (int i = 0; i < limits.length; i++) {
            if (used[i] >= limits[i]) {
                return quota(false, now, windowStarts[i] + lengthsMillis[i] - now);
            }
        }
        used[0]++;
        used[1]++;
        return quota(true, now, 0);
    }

    private Quota quota(boolean allowed, long now, long waitMillis) {
        long steadyReset = windowStarts[1] + lengthsMillis[1] - now;
        return new Quota(allowed, limits[1], limits[1] - used[1], Quota.ceilSeconds(steadyReset),
                allowed ? 0 : Quota.ceilSeconds(waitMillis));
    }
}
