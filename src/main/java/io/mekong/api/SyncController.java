package io.mekong.api;

import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobService;
import io.mekong.sync.SyncJobService.SyncDraft;
import io.mekong.sync.SyncRun;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Instant;
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

    private final SyncJobService syncs;
    private final ConnectionAccess connections;

    SyncController(SyncJobService syncs, ConnectionAccess connections) {
        this.syncs = syncs;
        this.connections = connections;
    }

    /**
     * @param workspace the connection's workspace, needed only by callers who see several that use its id
     * @param timeZone  where the times of a cron schedule are read (IANA id); absent: the workspace's zone for a new
     *                  sync, the sync's own for an edit
     */
    record SyncRequest(@NotBlank String connection, String workspace, @NotEmpty List<@NotBlank String> streams,
                       String schedule,
                       @Schema(description = "IANA time zone the times of a cron schedule (and @hourly, @daily) are read"
                               + " in, e.g. Asia/Ho_Chi_Minh; absent: the workspace's zone for a new sync, the sync's own"
                               + " for an edit", example = "Asia/Ho_Chi_Minh") String timeZone,
                       Boolean enabled) {

        SyncDraft draft() {
            return new SyncDraft(streams, schedule, timeZone, enabled == null || enabled);
        }
    }

    record SyncResponse(long id, String workspace, String connection, List<String> streams, String schedule,
                        @Schema(description = "where the schedule's times are read (IANA zone id)") String timeZone,
                        boolean enabled, Date nextRunAt) {
    }

    /** @param workspace admins: only this workspace's syncs */
    @GetMapping("/syncs")
    List<SyncResponse> list(@RequestParam(required = false) String workspace) {
        UnaryOperator<String> apiIds = connections.apiIds();
        return syncs.list(workspace).stream().map(job -> response(job, apiIds)).toList();
    }

    @PostMapping("/syncs")
    ResponseEntity<SyncResponse> create(@Valid @RequestBody SyncRequest request) {
        SyncJob job = syncs.create(connections.visible(request.connection(), request.workspace()), request.draft());
        return ResponseEntity.status(HttpStatus.CREATED).body(response(job, connections.apiIds()));
    }

    @GetMapping("/syncs/{id}")
    SyncResponse get(@PathVariable long id) {
        return response(syncs.visible(id), connections.apiIds());
    }

    @PutMapping("/syncs/{id}")
    SyncResponse update(@PathVariable long id, @Valid @RequestBody SyncRequest request) {
        SyncJob existing = syncs.visible(id);
        UnaryOperator<String> apiIds = connections.apiIds();
        if (!apiIds.apply(existing.connectionId()).equals(request.connection())
                || request.workspace() != null && !request.workspace().equals(existing.workspaceId())) {
            throw new IllegalArgumentException("connection of a sync cannot change; create a new sync instead");
        }
        String connector = connections.visible(request.connection(), existing.workspaceId()).connector();
        return response(syncs.update(existing, connector, request.draft()), apiIds);
    }

    @DeleteMapping("/syncs/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        syncs.delete(syncs.visible(id));
        return ResponseEntity.noContent().build();
    }

    /** @param sweep also sweep every stream that has a sweep block for deletions now, whatever its schedule */
    @PostMapping("/syncs/{id}/run")
    ResponseEntity<Map<String, Long>> runNow(@PathVariable long id, @RequestParam(defaultValue = "false") boolean sweep) {
        SyncJob job = syncs.visible(id);
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", syncs.runNow(job, sweep)));
        } catch (IllegalStateException running) {
            throw new ConflictException(running.getMessage());
        }
    }

    @GetMapping("/syncs/{id}/runs")
    List<SyncRun> runsOf(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        UnaryOperator<String> apiIds = connections.apiIds();
        return syncs.runs(syncs.visible(id), limit).stream()
                .map(run -> run.withConnectionId(apiIds.apply(run.connectionId()))).toList();
    }

    @GetMapping("/runs/{runId}")
    SyncRun run(@PathVariable long runId) {
        SyncRun run = syncs.run(runId);
        return run.withConnectionId(connections.apiIds().apply(run.connectionId()));
    }

    private SyncResponse response(SyncJob job, UnaryOperator<String> apiIds) {
        Instant next = syncs.nextRun(job);
        return new SyncResponse(job.id(), job.workspaceId(), apiIds.apply(job.connectionId()), job.streams(), job.schedule(),
                job.timeZone().getId(), job.enabled(), next == null ? null : Date.from(next));
    }
}
