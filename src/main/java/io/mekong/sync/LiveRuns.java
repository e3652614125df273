package io.mekong.sync;

import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.PageBudget;
import io.mekong.connector.ratelimit.RateLimitWaits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The progress of the runs executing on this instance, kept in memory as they read (the stored counts change only
 * once per committed batch): pages read, the stream being read, the rate-limit waits, the time spent. Readable from
 * any request; a run executing on another instance has none here, and shows its stored counts only.
 */
@Component
public class LiveRuns {

    /**
     * @param stream          the stream being read, null between streams
     * @param rateLimitWaits  the waits of the connection's requests for its rate limit since the run started (all of
     *                        the connection's requests: another run of the same connection at once counts too)
     */
    public record Progress(String stream, long pages, RateLimitWaits.Snapshot rateLimitWaits, Duration elapsed) {
    }

    private final Map<Long, Tracker> running = new ConcurrentHashMap<>();
    private final ConnectorEngine engine;
    private final Clock clock;

    public LiveRuns(ConnectorEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Starts showing the run's progress; close the tracker when the run ends. */
    Tracker track(long runId, String connectionId, PageBudget budget) {
        Tracker tracker = new Tracker(runId, connectionId, budget, engine.rateLimitWaits(connectionId), clock.instant());
        running.put(runId, tracker);
        return tracker;
    }

    /** The run's progress, when it is executing on this instance. */
    public Optional<Progress> progress(long runId) {
        return Optional.ofNullable(running.get(runId)).map(Tracker::progress);
    }

    /** One executing run. */
    final class Tracker implements AutoCloseable {

        private final long runId;
        private final String connectionId;
        private final PageBudget budget;
        private final RateLimitWaits.Snapshot waitsAtStart;
        private final Instant startedAt;
        private volatile String stream;

        private Tracker(long runId, String connectionId, PageBudget budget, RateLimitWaits.Snapshot waitsAtStart,
                        Instant startedAt) {
            this.runId = runId;
            this.connectionId = connectionId;
            this.budget = budget;
            this.waitsAtStart = waitsAtStart;
            this.startedAt = startedAt;
        }

        void reading(String stream) {
            this.stream = stream;
        }

        private Progress progress() {
            return new Progress(stream, budget.spent(), engine.rateLimitWaits(connectionId).since(waitsAtStart),
                    Duration.between(startedAt, clock.instant()));
        }

        @Override
        public void close() {
            running.remove(runId, this);
        }
    }
}
