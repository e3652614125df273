package io.mekong.api;

import io.mekong.ops.WorkspaceScope;
import io.mekong.sync.Schedule;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncRun;
import io.mekong.sync.SyncRunRepository;
import io.mekong.sync.SyncRunService;
import io.mekong.sync.SyncRunner;
import io.mekong.sync.SyncScheduler;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sync jobs (which streams of which connection, on what schedule) and their runs. */
@RestController
@RequestMapping("/api")
class SyncController {

    private final SyncJobRepository jobs;
    private final SyncRunRepository runs;
    private final SyncRunService runService;
    private final SyncScheduler scheduler;
    private final ConnectionAccess connections;
    private final WorkspaceScope scope;

    SyncController(SyncJobRepository jobs, SyncRunRepository runs, SyncRunService runService, SyncScheduler scheduler,
                   ConnectionAccess connections, WorkspaceScope scope) {
        this.jobs = jobs;
        this.runs = runs;
        this.runService = runService;
        this.scheduler = scheduler;
        this.connections = connections;
        this.scope = scope;
    }

    /** @param workspace the connection's workspace, needed only by callers who see several that use its id */
    record SyncRequest(@NotBlank String connection, String workspace, @NotEmpty List<@NotBlank String> streams,
                       String schedule, Boolean enabled) {
    }

    record SyncResponse(long id, String workspace, String connection, List<String> streams, String schedule,
                        boolean enabled, Date nextRunAt) {
    }

    /** @param workspace admins: only this workspace's syncs */
    @GetMapping("/syncs")
    List<SyncResponse> list(@RequestParam(required = false) String workspace) {
        UnaryOperator<String> apiIds = connections.apiIds();
        return jobs.list(connections.workspace(workspace)).stream().map(job -> response(job, apiIds)).toList();
    }

    @PostMapping("/syncs")
    ResponseEntity<SyncResponse> create(@Valid @RequestBody SyncRequest request) {
        var connection = connections.visible(request.connection(), request.workspace());
        validate(connection.connector(), request);
        SyncJob job = jobs.create(connection.workspaceId(), connection.id(), request.streams(), request.schedule(),
                request.enabled() == null || request.enabled());
        scheduler.schedule(job);
        return ResponseEntity.status(HttpStatus.CREATED).body(response(job, connections.apiIds()));
    }

    @GetMapping("/syncs/{id}")
    SyncResponse get(@PathVariable long id) {
        return response(visible(id), connections.apiIds());
    }

    @PutMapping("/syncs/{id}")
    SyncResponse update(@PathVariable long id, @Valid @RequestBody SyncRequest request) {
        SyncJob existing = visible(id);
        UnaryOperator<String> apiIds = connections.apiIds();
        if (!apiIds.apply(existing.connectionId()).equals(request.connection())
                || request.workspace() != null && !request.workspace().equals(existing.workspaceId())) {
            throw new IllegalArgumentException("connection of a sync cannot change; create a new sync instead");
        }
        validate(connections.visible(request.connection(), existing.workspaceId()).connector(), request);
        SyncJob job = jobs.update(id, request.streams(), request.schedule(), request.enabled() == null || request.enabled());
        scheduler.schedule(job);
        return response(job, apiIds);
    }

    @DeleteMapping("/syncs/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        visible(id);
        scheduler.unschedule(id);
        jobs.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** @param sweep also sweep every stream that has a sweep block for deletions now, whatever its schedule */
    @PostMapping("/syncs/{id}/run")
    ResponseEntity<Map<String, Long>> runNow(@PathVariable long id, @RequestParam(defaultValue = "false") boolean sweep) {
        SyncJob job = visible(id);
        long runId = runService.start(job, sweep ? SyncRunner.SWEEP_TRIGGER : "manual").orElseThrow(() -> new ConflictException(
                "sync " + id + " already has run " + runs.activeRun(id).orElse(null) + " queued or running"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", runId));
    }

    @GetMapping("/syncs/{id}/runs")
    List<SyncRun> runsOf(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        visible(id);
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit must be between 1 and 200");
        }
        UnaryOperator<String> apiIds = connections.apiIds();
        return runs.forJob(id, limit).stream().map(run -> run.withConnectionId(apiIds.apply(run.connectionId()))).toList();
    }

    @GetMapping("/runs/{runId}")
    SyncRun run(@PathVariable long runId) {
        SyncRun run = runs.find(runId).orElseThrow(() -> new NotFoundException("Run " + runId));
        scope.checkAccess(run.workspaceId(), "Run " + runId);
        return run.withConnectionId(connections.apiIds().apply(run.connectionId()));
    }

    private SyncJob visible(long id) {
        SyncJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("Sync " + id));
        scope.checkAccess(job.workspaceId(), "Sync " + id);
        return job;
    }

    private void validate(String connector, SyncRequest request) {
        List<String> known = connections.streams(connector);
        for (String stream : request.streams()) {
            if (!known.contains(stream)) {
                throw new IllegalArgumentException("stream '" + stream + "' is not one of " + connector + "'s: " + known);
            }
        }
        if (request.schedule() != null && !request.schedule().isBlank()) {
            Schedule.parse(request.schedule());
        }
    }

    private SyncResponse response(SyncJob job, UnaryOperator<String> apiIds) {
        return new SyncResponse(job.id(), job.workspaceId(), apiIds.apply(job.connectionId()), job.streams(), job.schedule(),
                job.enabled(), scheduler.nextFire(job.id()));
    }
}
