package io.mekong.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start, marks runs whose owner instance is gone as interrupted. Their committed batches stay committed and
 * their checkpoints are where the last committed page left them, so the next run resumes from there.
 */
@Component
class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final SyncRunRepository runs;
    private final InstanceLiveness liveness;

    RunRecovery(SyncRunRepository runs, InstanceLiveness liveness) {
        this.runs = runs;
        this.liveness = liveness;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void interruptOrphans() {
        for (SyncRun run : runs.unfinished()) {
            if (!liveness.isAlive(run.owner())) {
                runs.interrupt(run.id(), "the instance running it stopped; the next run resumes from the last committed page");
                log.warn("Sync run {} of connection {} was interrupted by a stop of its instance", run.id(), run.connectionId());
            }
        }
    }
}
