package io.mekong.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At start and then every {@code mekong.sync.sweep-every}, on every instance: takes this instance's liveness lock again
 * if a database restart dropped it, writes the run ends the database could not take when they happened, and ends as
 * interrupted the runs whose instance is gone. Their committed batches stay committed and their checkpoints are where
 * the last committed page left them, so the next run resumes from there.
 */
@Component
class RunSweep {

    static final String ORPHANED = "the instance running it stopped; the next run resumes from the last committed page";
    private static final Logger log = LoggerFactory.getLogger(RunSweep.class);

    private final SyncRunRepository runs;
    private final InstanceLiveness liveness;
    private final RunFinisher finisher;

    RunSweep(SyncRunRepository runs, InstanceLiveness liveness, RunFinisher finisher) {
        this.runs = runs;
        this.liveness = liveness;
        this.finisher = finisher;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void atStart() {
        sweep();
    }

    @Scheduled(fixedDelayString = "${mekong.sync.sweep-every:PT1M}", initialDelayString = "${mekong.sync.sweep-every:PT1M}")
    void sweep() {
        try {
            // first: while this instance's lock is not held, others may take it for gone; it must not do the same to them
            if (!liveness.ensureHeld()) {
                return;
            }
            finisher.retry();
            for (SyncRun run : runs.unfinished()) {
                if (!liveness.isAlive(run.owner()) && runs.finish(run.id(), run.owner(), "interrupted", ORPHANED)) {
                    log.warn("Sync run {} of connection {} was interrupted by a stop of its instance", run.id(), run.connectionId());
                }
            }
        } catch (RuntimeException e) {
            log.warn("The run sweep could not finish ({}); it tries again at its next turn", e.getMessage());
        }
    }
}
