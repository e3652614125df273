package io.mekong.web.syncs;

import io.mekong.connection.ConnectionService;
import io.mekong.sync.LiveRuns;
import io.mekong.sync.SyncJobService;
import io.mekong.sync.SyncRun;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One run: its status, times, counts per stream, error and {@code missedByWebhooks}. While it is queued or running the
 * page polls its progress fragment every second (htmx), which shows the live pages, stream and rate-limit waits when
 * the run executes on this instance, else its stored counts; the fragment of an ended run stops the polling.
 */
@Controller
class RunsPage {

    /**
     * @param live    the in-memory progress, null when the run is not executing on this instance
     * @param elapsed from start to end, or to now while it runs; null before it starts
     */
    record RunView(SyncRun run, String connection, LiveRuns.Progress live, Duration elapsed, long read, long batches) {
    }

    private final SyncJobService syncs;
    private final LiveRuns liveRuns;
    private final ConnectionService connections;

    RunsPage(SyncJobService syncs, LiveRuns liveRuns, ConnectionService connections) {
        this.syncs = syncs;
        this.liveRuns = liveRuns;
        this.connections = connections;
    }

    @GetMapping("/console/runs/{id}")
    String run(@PathVariable long id, Model model) {
        model.addAttribute("view", view(id));
        return "console/syncs/run";
    }

    @GetMapping("/console/runs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("view", view(id));
        return "console/syncs/run :: progress";
    }

    private RunView view(long id) {
        SyncRun run = syncs.run(id);
        LiveRuns.Progress live = run.active() ? liveRuns.progress(id).orElse(null) : null;
        Duration elapsed = live != null ? live.elapsed() : run.startedAt() == null ? null
                : Duration.between(run.startedAt(), run.finishedAt() != null ? run.finishedAt() : Instant.now());
        return new RunView(run, connections.apiId(run.connectionId()).orElse(run.connectionId()), live, elapsed,
                run.streams().stream().mapToLong(SyncRun.StreamRun::read).sum(),
                run.streams().stream().mapToLong(SyncRun.StreamRun::batches).sum());
    }
}
