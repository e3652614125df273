package io.mekong.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the end of this instance's runs. An end the database cannot take (stopped, restarting, out of connections)
 * is kept here and written again by each {@link RunSweep} until the database takes it, so a run never stays
 * {@code running} and blocks the later runs of its sync. Ends kept here are lost with the instance; the sweep of the
 * next instance to look then finds the run's owner gone and ends it as interrupted.
 */
@Component
class RunFinisher {

    private static final Logger log = LoggerFactory.getLogger(RunFinisher.class);

    private record End(String status, String error) {
    }

    private final Map<Long, End> unwritten = new ConcurrentHashMap<>();
    private final SyncRunRepository runs;
    private final InstanceLiveness liveness;

    RunFinisher(SyncRunRepository runs, InstanceLiveness liveness) {
        this.runs = runs;
        this.liveness = liveness;
    }

    void finish(long runId, String status, String error) {
        write(runId, new End(status, error));
    }

    /** Writes the ends the database could not take before. */
    void retry() {
        for (Long runId : unwritten.keySet()) {
            // taking the end out first: the runner thread and the sweep never write the same end twice
            End end = unwritten.remove(runId);
            if (end != null) {
                write(runId, end);
            }
        }
    }

    /** How many ends wait for the database. */
    int waiting() {
        return unwritten.size();
    }

    private void write(long runId, End end) {
        try {
            if (!runs.finish(runId, liveness.instanceId(), end.status(), end.error())) {
                log.warn("Sync run {} was ended by another instance's run sweep (it took this instance for stopped)"
                        + " before it could record its own end, {}; the sweep's end stands", runId, end.status());
            }
        } catch (RuntimeException e) {
            unwritten.put(runId, end);
            log.warn("Sync run {} ended {}, but the database cannot record it now ({}); the run sweep writes it once the"
                    + " database answers", runId, end.status(), e.getMessage());
        }
    }
}
