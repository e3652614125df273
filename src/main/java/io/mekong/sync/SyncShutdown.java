package io.mekong.sync;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stops runs first when the hub shuts down, before Camel and the database go: running syncs are interrupted
 * (the batch in flight is rolled back, every committed batch and its checkpoint stay) and marked interrupted, so
 * a stop takes seconds instead of waiting for a long sync, and the next run resumes where this one was.
 */
@Component
public class SyncShutdown {

    static final String STOPPED = "the hub stopped during the run; the next run resumes from the last committed batch";
    private static final Logger log = LoggerFactory.getLogger(SyncShutdown.class);

    private final ExecutorService executor;
    private volatile boolean stopping;

    SyncShutdown(@Qualifier("syncExecutor") ExecutorService executor) {
        this.executor = executor;
    }

    public boolean stopping() {
        return stopping;
    }

    /** First among the listeners of a closing context: whatever else stops after it must not wait for a run. */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void stopRuns() throws InterruptedException {
        stopping = true;
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Sync runs did not stop within 30 s; they will be marked interrupted at the next start");
        }
    }
}
