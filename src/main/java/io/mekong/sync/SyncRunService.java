package io.mekong.sync;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/** Starts runs: queues one per job at a time and executes it on the sync thread pool. */
@Service
public class SyncRunService {

    private final SyncRunRepository runs;
    private final SyncRunner runner;
    private final InstanceLiveness liveness;
    private final ExecutorService executor;
    private final SyncShutdown shutdown;
    private final RunFinisher finisher;

    public SyncRunService(SyncRunRepository runs, SyncRunner runner, InstanceLiveness liveness,
                          @Qualifier("syncExecutor") ExecutorService executor, SyncShutdown shutdown, RunFinisher finisher) {
        this.runs = runs;
        this.runner = runner;
        this.liveness = liveness;
        this.executor = executor;
        this.shutdown = shutdown;
        this.finisher = finisher;
    }

    /**
     * Queues a run of the job and starts it in the background.
     *
     * @return the new run's id, or empty when a run of this job is already queued or running, or the hub is stopping
     */
    public Optional<Long> start(SyncJob job, String trigger) {
        if (shutdown.stopping()) {
            return Optional.empty();
        }
        Optional<Long> runId = runs.queue(job, trigger, liveness.instanceId());
        runId.ifPresent(id -> {
            try {
                executor.execute(() -> runner.run(id));
            } catch (RejectedExecutionException stopping) {
                // the hub began to stop between the check above and here: the queued run must not wait for a sweep
                finisher.finish(id, "interrupted", SyncShutdown.STOPPED);
            }
        });
        return runId;
    }
}
