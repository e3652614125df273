package io.mekong.ops.jmx;

import io.mekong.connection.ConnectionService;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncRun;
import io.mekong.sync.SyncRunRepository;
import io.mekong.sync.SyncRunService;
import io.mekong.sync.SyncScheduler;
import java.util.Date;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the sync job MBeans read and do, through the same services as the REST API. */
@Component
class SyncJobOperations {

    private final SyncJobRepository jobs;
    private final SyncRunRepository runs;
    private final SyncRunService runService;
    private final SyncScheduler scheduler;
    private final ConnectionService connections;
    private final OperatorActions actions;

    SyncJobOperations(SyncJobRepository jobs, SyncRunRepository runs, SyncRunService runService,
                      SyncScheduler scheduler, ConnectionService connections, OperatorActions actions) {
        this.jobs = jobs;
        this.runs = runs;
        this.runService = runService;
        this.scheduler = scheduler;
        this.connections = connections;
        this.actions = actions;
    }

    SyncJob job(long jobId) {
        return jobs.find(jobId).orElseThrow(() -> new IllegalStateException("sync job " + jobId + " no longer exists"));
    }

    String connectionApiId(SyncJob job) {
        return connections.apiId(job.connectionId()).orElse(job.connectionId());
    }

    Date nextFire(long jobId) {
        return scheduler.nextFire(jobId);
    }

    Optional<SyncRun> lastRun(long jobId) {
        return runs.forJob(jobId, 1).stream().findFirst();
    }

    /** As POST /api/syncs/{id}/run: one run at a time per job. */
    long runNow(long jobId) {
        SyncJob job = job(jobId);
        long runId = runService.start(job, "manual").orElseThrow(() -> new IllegalStateException("sync job " + jobId
                + " already has run " + runs.activeRun(jobId).orElse(null) + " queued or running"));
        actions.record("run", job.workspaceId(), "sync", jobId, "run " + runId);
        return runId;
    }

    /** Pauses ({@code false}) or resumes the job's schedule, as PUT /api/syncs/{id} with {@code enabled} does. */
    void setEnabled(long jobId, boolean enabled) {
        SyncJob existing = job(jobId);
        SyncJob job = jobs.update(jobId, existing.streams(), existing.schedule(), enabled);
        scheduler.schedule(job);
        actions.record(enabled ? "resumed" : "paused", job.workspaceId(), "sync", jobId, null);
    }
}
