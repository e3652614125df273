package io.mekong.sandbox.targets;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/** HubSpot's limiter: at most {@code limit} calls in any rolling {@code interval}; a refused call takes none. */
public final class RollingWindow {

    private final Clock clock;
    private final int limit;
    private final long intervalMillis;
    private final ArrayDeque<Long> taken = new ArrayDeque<>();

    public RollingWindow(Clock clock, int limit, Duration interval) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + limit);
        }
        this.clock = clock;
        this.limit = limit;
        this.intervalMillis = interval.toMillis();
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public synchronized Quota tryTake() {
        long now = clock.millis();
        while (!taken.isEmpty() && taken.peekFirst() <= now - intervalMillis) {
            taken.pollFirst();
        }
        if (taken.size() >= limit) {
            long freeAt = taken.peekFirst() + intervalMillis;
            return new Quota(false, limit, 0, Quota.ceilSeconds(freeAt - now), Quota.ceilSeconds(freeAt - now));
        }
        taken.addLast(now);
        long oldest = taken.peekFirst();
        return new Quota(true, limit, limit - taken.size(), Quota.ceilSeconds(oldest + intervalMillis - now), 0);
    }
}
