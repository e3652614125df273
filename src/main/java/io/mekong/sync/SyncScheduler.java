package io.mekong.sync;

import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps one Quartz trigger per enabled, scheduled sync job, in the shared (clustered) JDBC job store. */
@Component
public class SyncScheduler {

    private static final String GROUP = "sync";

    private final Scheduler quartz;
    private final SyncJobRepository jobs;

    public SyncScheduler(Scheduler quartz, SyncJobRepository jobs) {
        this.quartz = quartz;
        this.jobs = jobs;
    }

    public void schedule(SyncJob job) {
        try {
            if (!job.enabled() || job.schedule() == null || job.schedule().isBlank()) {
                quartz.deleteJob(key(job.id()));
                return;
            }
            Schedule schedule = Schedule.parse(job.schedule());
            JobDetail detail = JobBuilder.newJob(ScheduledSync.class)
                    .withIdentity(key(job.id()))
                    .usingJobData(ScheduledSync.JOB_ID, job.id())
                    .withDescription("sync job " + job.id() + " of connection " + job.connectionId())
                    .build();
            TriggerBuilder<Trigger> trigger = TriggerBuilder.newTrigger()
                    .withIdentity("sync-" + job.id(), GROUP)
                    .withDescription(schedule.toString());
            // An interval schedule starts one interval from now: creating a job is not a request to run it.
            if (schedule.interval() != null) {
                trigger.startAt(new Date(System.currentTimeMillis() + schedule.interval().toMillis()));
            }
            quartz.scheduleJob(detail, Set.of(trigger.withSchedule(schedule.quartzSchedule()).build()), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule sync job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    public void unschedule(long jobId) {
        try {
            quartz.deleteJob(key(jobId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot unschedule sync job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** At start, makes the job store match the sync_job table (jobs may have changed while no instance ran). */
    @EventListener(ApplicationReadyEvent.class)
    public void reconcile() throws SchedulerException {
        Set<JobKey> wanted = jobs.list(null).stream().map(job -> {
            schedule(job);
            return key(job.id());
        }).collect(Collectors.toSet());
        for (JobKey existing : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(existing)) {
                quartz.deleteJob(existing);
            }
        }
    }

    /** When the next run of the job is due, or null when it has no active schedule. */
    public Date nextFire(long jobId) {
        try {
            return quartz.getTriggersOfJob(key(jobId)).stream().map(Trigger::getNextFireTime)
                    .filter(java.util.Objects::nonNull).min(Date::compareTo).orElse(null);
        } catch (SchedulerException e) {
            return null;
        }
    }

    private static JobKey key(long jobId) {
        return JobKey.jobKey("sync-" + jobId, GROUP);
    }
}
