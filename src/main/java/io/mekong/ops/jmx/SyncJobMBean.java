package io.mekong.ops.jmx;

import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncRun;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * One sync job in Hawtio ({@code mekong:type=SyncJob,workspace=<ws>,name=<job id>}): its settings, its last run with
 * the run's counts (summed over its streams) and its next fire time, read afresh at each access; and the operations
 * an operator needs when a sync is late or misbehaves.
 */
@ManagedResource(description = "A sync job: its last run, next fire time and counts; run now, pause, resume")
public class SyncJobMBean {

    private final long jobId;
    private final SyncJobOperations jobs;

    SyncJobMBean(long jobId, SyncJobOperations jobs) {
        this.jobId = jobId;
        this.jobs = jobs;
    }

    @ManagedAttribute(description = "The connection it reads, by the id the API knows it by")
    public String getConnection() {
        return jobs.connectionApiId(job());
    }

    @ManagedAttribute(description = "The streams it reads")
    public String[] getStreams() {
        return job().streams().toArray(String[]::new);
    }

    @ManagedAttribute(description = "Cron or @every schedule; empty when it runs only on demand")
    public String getSchedule() {
        return job().schedule();
    }

    @ManagedAttribute(description = "Whether its schedule is active (pause and resume change it)")
    public boolean isEnabled() {
        return job().enabled();
    }

    @ManagedAttribute(description = "When the scheduler starts it next; empty when paused or unscheduled")
    public String getNextFireTime() {
        return date(Optional.ofNullable(jobs.nextFire(jobId)));
    }

    @ManagedAttribute(description = "The id of its latest run (GET /api/runs/{id})")
    public Long getLastRunId() {
        return lastRun().map(SyncRun::id).orElse(null);
    }

    @ManagedAttribute(description = "queued, running, succeeded, failed or interrupted")
    public String getLastRunStatus() {
        return lastRun().map(SyncRun::status).orElse(null);
    }

    @ManagedAttribute(description = "When the latest run started")
    public String getLastRunStartedAt() {
        return date(lastRun().map(SyncRun::startedAt));
    }

    @ManagedAttribute(description = "When the latest run ended")
    public String getLastRunFinishedAt() {
        return date(lastRun().map(SyncRun::finishedAt));
    }

    @ManagedAttribute(description = "The latest run's error, when it failed")
    public String getLastRunError() {
        return lastRun().map(SyncRun::error).orElse(null);
    }

    @ManagedAttribute(description = "Records the latest run read, all streams")
    public int getLastRunRead() {
        return count(SyncRun.StreamRun::read);
    }

    @ManagedAttribute(description = "Records the latest run stored as new")
    public int getLastRunInserted() {
        return count(SyncRun.StreamRun::inserted);
    }

    @ManagedAttribute(description = "Records the latest run changed")
    public int getLastRunUpdated() {
        return count(SyncRun.StreamRun::updated);
    }

    @ManagedAttribute(description = "Records the latest run found unchanged")
    public int getLastRunUnchanged() {
        return count(SyncRun.StreamRun::unchanged);
    }

    @ManagedAttribute(description = "Records the latest run skipped as older than the stored ones")
    public int getLastRunStale() {
        return count(SyncRun.StreamRun::stale);
    }

    @ManagedAttribute(description = "Records the latest run sent to dead letters")
    public int getLastRunRejected() {
        return count(SyncRun.StreamRun::rejected);
    }

    @ManagedOperation(description = "Starts a run now, as POST /api/syncs/{id}/run does; returns the run's id")
    public long runNow() {
        return jobs.runNow(jobId);
    }

    @ManagedOperation(description = "Stops its schedule (enabled = false); a running run goes on to its end")
    public void pause() {
        jobs.setEnabled(jobId, false);
    }

    @ManagedOperation(description = "Restarts its schedule (enabled = true)")
    public void resume() {
        jobs.setEnabled(jobId, true);
    }

    private SyncJob job() {
        return jobs.job(jobId);
    }

    private Optional<SyncRun> lastRun() {
        return jobs.lastRun(jobId);
    }

    private int count(ToIntFunction<SyncRun.StreamRun> count) {
        return lastRun().map(SyncRun::streams).orElse(List.of()).stream().mapToInt(count).sum();
    }

    /** ISO-8601 and UTC, as the API writes times (Jolokia would drop a {@link Date}'s milliseconds). */
    private static String date(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
