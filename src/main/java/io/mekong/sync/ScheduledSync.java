package io.mekong.sync;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What Quartz fires for a sync job's schedule. In clustered mode exactly one instance fires each trigger;
 * it only queues the run, which then executes on that instance's sync pool.
 */
@DisallowConcurrentExecution
public class ScheduledSync extends QuartzJobBean {

    static final String JOB_ID = "syncJobId";

    @Autowired
    private SyncJobRepository jobs;

    @Autowired
    private SyncRunService runs;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        long jobId = context.getMergedJobDataMap().getLong(JOB_ID);
        jobs.find(jobId).filter(SyncJob::enabled).ifPresent(job -> runs.start(job, "schedule"));
    }
}
