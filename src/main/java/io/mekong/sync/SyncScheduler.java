package io.mekong.sync;

import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one Quartz trigger per enabled, scheduled sync job, in the shared (clustered) JDBC job store. A trigger whose
 * schedule is unchanged is kept as stored, with its next fire time: neither a restart nor an edit of a job's streams
 * pushes an {@code @every} job back a full interval, or drops a cron fire that fell due while no instance ran.
 */
@Component
public class SyncScheduler {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);
    private static final String GROUP = "sync";

    private final Scheduler quartz;
    private final SyncJobRepository jobs;

    public SyncScheduler(Scheduler quartz, SyncJobRepository jobs) {
        this.quartz = quartz;
        this.jobs = jobs;
    }

    public void schedule(SyncJob job) {
        try {
            if (!job.scheduled()) {
                quartz.deleteJob(key(job.id()));
                return;
            }
            Schedule schedule = Schedule.parse(job.schedule(), job.timeZone());
            if (scheduledAlready(job.id(), schedule)) {
                return;
            }
            JobDetail detail = JobBuilder.newJob(ScheduledSync.class)
                    .withIdentity(key(job.id()))
                    .usingJobData(ScheduledSync.JOB_ID, job.id())
                    .withDescription("sync job " + job.id() + " of connection " + job.connectionId())
                    .build();
            TriggerBuilder<Trigger> trigger = TriggerBuilder.newTrigger()
                    .withIdentity(triggerKey(job.id()))
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

    /** Whether the job store holds a live trigger of this job with this very schedule. */
    private boolean scheduledAlready(long jobId, Schedule schedule) throws SchedulerException {
        Trigger stored = quartz.getTrigger(triggerKey(jobId));
        return stored != null && schedule.toString().equals(stored.getDescription()) && stored.getNextFireTime() != null
                && switch (quartz.getTriggerState(stored.getKey())) {
                    case NORMAL, BLOCKED, PAUSED -> true;
                    case COMPLETE, ERROR, NONE -> false;
                };
    }

    public void unschedule(long jobId) {
        try {
            quartz.deleteJob(key(jobId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot unschedule sync job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * At start, makes the job store match the sync_job table (jobs may have changed while no instance ran). A job
     * whose stored schedule is refused (written before a rule it breaks) stays unscheduled, with a warning.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void reconcile() throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (SyncJob job : jobs.list(null)) {
            try {
                schedule(job);
                wanted.add(key(job.id()));
            } catch (IllegalArgumentException e) {
                log.warn("Sync job {} is not scheduled: {}; change its schedule with PUT /api/syncs/{}", job.id(),
                        e.getMessage(), job.id());
            }
        }
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

    private static TriggerKey triggerKey(long jobId) {
        return TriggerKey.triggerKey("sync-" + jobId, GROUP);
    }
}
