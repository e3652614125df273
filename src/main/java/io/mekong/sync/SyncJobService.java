package io.mekong.sync;

import io.mekong.connection.Connection;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.RefusedChange;
import io.mekong.ops.WorkspaceScope;
import io.mekong.ops.AuditLog;
import io.mekong.ops.Workspaces;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Sync jobs and their runs as callers see them (the REST API and the console alike): confined to the caller's
 * workspace, validated against the connector's streams, scheduled in the job's time zone.
 */
@Service
public class SyncJobService {

    /**
     * What a caller asks a job to be.
     *
     * @param schedule null or blank for a job that runs only when asked
     * @param timeZone an IANA zone id ({@code Asia/Ho_Chi_Minh}); null for the workspace's on a new job, and for the
     *                 job's own on an edit
     */
    public record SyncDraft(List<String> streams, String schedule, String timeZone, boolean enabled) {

        public SyncDraft {
            streams = streams == null ? List.of() : List.copyOf(streams);
        }
    }

    private final SyncJobRepository jobs;
    private final SyncRunRepository runs;
    private final SyncRunService runService;
    private final SyncScheduler scheduler;
    private final ConnectorRegistry connectors;
    private final WorkspaceScope scope;
    private final Workspaces workspaces;
    private final AuditLog audit;

    public SyncJobService(SyncJobRepository jobs, SyncRunRepository runs, SyncRunService runService,
                          SyncScheduler scheduler, ConnectorRegistry connectors, WorkspaceScope scope,
                          Workspaces workspaces, AuditLog audit) {
        this.jobs = jobs;
        this.runs = runs;
        this.runService = runService;
        this.scheduler = scheduler;
        this.connectors = connectors;
        this.scope = scope;
        this.workspaces = workspaces;
        this.audit = audit;
    }

    /** @param workspace the workspace the caller names, or null for all they may see */
    public List<SyncJob> list(String workspace) {
        return jobs.list(scope.workspaceToList(workspace));
    }

    /** @throws NotInWorkspaceException (404) when there is no such job, or not in the caller's workspace */
    public SyncJob visible(long id) {
        SyncJob job = jobs.find(id).orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.SYNC, id));
        scope.checkAccess(job.workspaceId(), NotInWorkspaceException.Kind.SYNC, id);
        return job;
    }

    /** The jobs of a connection the caller may see. */
    public List<SyncJob> forConnection(Connection connection) {
        scope.checkAccess(connection.workspaceId(), NotInWorkspaceException.Kind.CONNECTION, connection.apiId());
        return jobs.forConnection(connection.id());
    }

    /**
     * @param connection one the caller may see
     * @throws RefusedChange naming what is wrong with the draft
     */
    public SyncJob create(Connection connection, SyncDraft draft) {
        scope.checkAccess(connection.workspaceId(), NotInWorkspaceException.Kind.CONNECTION, connection.apiId());
        ZoneId zone = draft.timeZone() == null || draft.timeZone().isBlank()
                ? workspaces.zoneOf(connection.workspaceId()) : zone(draft.timeZone());
        validate(connection.connector(), draft, zone);
        SyncJob job = jobs.create(connection.workspaceId(), connection.id(), draft.streams(), draft.schedule(), zone,
                draft.enabled());
        scheduler.schedule(job);
        return job;
    }

    /** @throws RefusedChange naming what is wrong with the draft */
    public SyncJob update(SyncJob existing, String connector, SyncDraft draft) {
        ZoneId zone = draft.timeZone() == null || draft.timeZone().isBlank() ? existing.timeZone() : zone(draft.timeZone());
        validate(connector, draft, zone);
        SyncJob job = jobs.update(existing.id(), draft.streams(), draft.schedule(), zone, draft.enabled());
        scheduler.schedule(job);
        return job;
    }

    /** Enables (its schedule fires again) or pauses the job; a run already going on goes on. */
    public SyncJob enable(SyncJob job, boolean enabled) {
        SyncJob changed = jobs.update(job.id(), job.streams(), job.schedule(), job.timeZone(), enabled);
        scheduler.schedule(changed);
        return changed;
    }

    public void delete(SyncJob job) {
        scheduler.unschedule(job.id());
        jobs.delete(job.id());
    }

    /**
     * Starts a run now.
     *
     * @param sweep also sweep every stream that has a sweep block for deletions now, whatever its schedule
     * @throws IllegalStateException naming the run when one of this job is already queued or running
     */
    public long runNow(SyncJob job, boolean sweep) {
        long runId = runService.start(job, sweep ? SyncRunner.SWEEP_TRIGGER : "manual").orElseThrow(() -> new IllegalStateException(
                "sync " + job.id() + " already has run " + runs.activeRun(job.id()).orElse(null) + " queued or running"));
        // who started a run, whichever way (the API, the console, a Hawtio operation): the run itself says only "manual"
        audit.record(job.workspaceId(), "ran", "sync", job.id(), Map.of("run", runId, "sweep", sweep));
        return runId;
    }

    /** The job's latest runs, newest first. */
    public List<SyncRun> runs(SyncJob job, int limit) {
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit must be between 1 and 200");
        }
        return runs.forJob(job.id(), limit);
    }

    /** @throws NotInWorkspaceException (404) when there is no such run, or not in the caller's workspace */
    public SyncRun run(long runId) {
        SyncRun run = runs.find(runId).orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.RUN, runId));
        scope.checkAccess(run.workspaceId(), NotInWorkspaceException.Kind.RUN, runId);
        return run;
    }

    /** The job's latest run, if it ever ran. */
    public Optional<SyncRun> lastRun(SyncJob job) {
        return runs.forJob(job.id(), 1).stream().findFirst();
    }

    /** The latest run of any of the connection's jobs. */
    public Optional<SyncRun> lastRunOf(Connection connection) {
        scope.checkAccess(connection.workspaceId(), NotInWorkspaceException.Kind.CONNECTION, connection.apiId());
        return runs.latestOfConnection(connection.id());
    }

    /** When a run of the connection last succeeded: its last sync. */
    public Optional<Instant> lastSyncOf(Connection connection) {
        scope.checkAccess(connection.workspaceId(), NotInWorkspaceException.Kind.CONNECTION, connection.apiId());
        return runs.lastSucceeded(connection.id());
    }

    /** When the job's schedule fires next, or null when it is paused or has none. */
    public Instant nextRun(SyncJob job) {
        Date next = scheduler.nextFire(job.id());
        return next == null ? null : next.toInstant();
    }

    /** The streams a connector offers, in its spec's order. */
    public List<String> streams(String connector) {
        return connectors.find(connector).map(spec -> List.copyOf(spec.streams().keySet())).orElse(List.of());
    }

    private void validate(String connector, SyncDraft draft, ZoneId zone) {
        if (draft.streams().isEmpty()) {
            throw RefusedChange.invalid("streams", "syncs.error.streams",
                    "streams: choose at least one of " + connector + "'s: " + streams(connector));
        }
        List<String> known = streams(connector);
        for (String stream : draft.streams()) {
            if (!known.contains(stream)) {
                throw RefusedChange.invalid("streams", "syncs.error.stream-unknown",
                        "stream '" + stream + "' is not one of " + connector + "'s: " + known, stream);
            }
        }
        if (draft.schedule() != null && !draft.schedule().isBlank()) {
            Schedule.parse(draft.schedule(), zone);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw RefusedChange.invalid("timeZone", "syncs.error.timeZone",
                    "timeZone '" + id + "' is not a time zone id such as Asia/Ho_Chi_Minh or UTC", id);
        }
    }
}
