package io.mekong.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one sync run may still read: a number of API pages and a time, shared by all its streams and sweeps (and by
 * pages read ahead). The {@code connector:} producers spend one page per listing request; past either limit the read
 * fails with a reason naming the limit and its option. What the run committed stays committed, its checkpoints where
 * the last stored batch left them.
 */
public final class PageBudget {

    private static final String RESUMES = "; the next run goes on from the last committed checkpoint";

    private final long maxPages;
    private final Duration maxDuration;
    private final Instant deadline;
    private final Clock clock;
    private final AtomicLong spent = new AtomicLong();

    public PageBudget(long maxPages, Duration maxDuration, Clock clock) {
        this.maxPages = maxPages;
        this.maxDuration = maxDuration;
        this.clock = clock;
        this.deadline = clock.instant().plus(maxDuration);
    }

    /** The pages read so far (not counting one refused past the limit). */
    public long spent() {
        return Math.min(spent.get(), maxPages);
    }

    /**
     * Counts one more page about to be read.
     *
     * @throws ConnectorException when the run has read its pages or used its time
     */
    public void spend() {
        if (!clock.instant().isBefore(deadline)) {
            throw new ConnectorException("the run stopped at its time limit of " + maxDuration
                    + " (mekong.sync.max-run-duration)" + RESUMES, 0);
        }
        if (spent.incrementAndGet() > maxPages) {
            throw new ConnectorException("the run stopped at its limit of " + maxPages
                    + " API pages (mekong.sync.max-pages-per-run)" + RESUMES, 0);
        }
    }
}
