package io.mekong.ops.jmx;

import io.mekong.connection.ConnectionService;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncJobService;
import io.mekong.sync.SyncRun;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the sync job MBeans read and do, through the same service as the REST API and the console. */
@Component
class SyncJobOperations {

    private final SyncJobRepository jobs;
    private final SyncJobService syncs;
    private final ConnectionService connections;

    SyncJobOperations(SyncJobRepository jobs, SyncJobService syncs, ConnectionService connections) {
        this.jobs = jobs;
        this.syncs = syncs;
        this.connections = connections;
    }

    SyncJob job(long jobId) {
        return jobs.find(jobId).orElseThrow(() -> new IllegalStateException("sync job " + jobId + " no longer exists"));
    }

    String connectionApiId(SyncJob job) {
        return connections.apiId(job.connectionId()).orElse(job.connectionId());
    }

    Instant nextFire(long jobId) {
        return syncs.nextRun(job(jobId));
    }

    Optional<SyncRun> lastRun(long jobId) {
        return syncs.lastRun(job(jobId));
    }

    /**
     * As POST /api/syncs/{id}/run: one run at a time per job. The audit log names the signed-in Hawtio user (a Jolokia
     * request carries their authentication), as it does for the API and the console.
     */
    long runNow(long jobId) {
        return syncs.runNow(job(jobId), false);
    }

    /** Pauses ({@code false}) or resumes the job's schedule, as the console's Pause and Enable do (audited there). */
    void setEnabled(long jobId, boolean enabled) {
        syncs.enable(job(jobId), enabled);
    }
}
