package io.mekong.web.dashboard;

import java.util.List;

/**
 * The runs queued in the last 24 hours: how many succeeded, failed (or were interrupted) and are still going, and the
 * newest of them ({@link Dashboard#LISTED_RUNS} at most; {@code total} says how many there were).
 */
public record RunsToday(long succeeded, long failed, long active, List<RecentRun> newest) {

    public long total() {
        return succeeded + failed + active;
    }
}
