package io.mekong.sync;

import io.mekong.config.MekongProperties;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.spec.WebhookSpec;
import io.mekong.connector.Headers;
import io.mekong.connector.PageBudget;
import io.mekong.ops.DeadLetterDepth;
import io.mekong.ops.RunMetrics;
import io.mekong.store.Checkpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes one run: each stream goes through the {@code direct:sync-stream} route (connector, mapping, store)
 * page by page, starting from the stream's checkpoint, then through the {@code direct:deletion-sweep} route when its
 * sweep is due. A failing stream fails the run but not the other streams. The run's streams and sweeps share one
 * {@link PageBudget} ({@code mekong.sync.max-pages-per-run}, {@code mekong.sync.max-run-duration}).
 */
@Component
public class SyncRunner {

    static final String SYNC_STREAM = "direct:sync-stream";
    static final String DELETION_SWEEP = "direct:deletion-sweep";
    /** The trigger of a run started to sweep for deletions now, whatever the sweeps' schedule. */
    public static final String SWEEP_TRIGGER = "sweep";
    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncRunRepository runs;
    private final ConnectionService connections;
    private final ProducerTemplate camel;
    private final Checkpoints checkpoints;
    private final RunMetrics metrics;
    private final DeadLetterDepth deadLetterDepth;
    private final SyncShutdown shutdown;
    private final ConnectorEngine engine;
    private final SweepSchedule sweeps;
    private final Clock clock;
    private final RunFinisher finisher;
    private final InstanceLiveness liveness;
    private final MekongProperties.Sync limits;
    private final LiveRuns liveRuns;

    public SyncRunner(SyncRunRepository runs, ConnectionService connections, ProducerTemplate camel, Checkpoints checkpoints,
                      RunMetrics metrics, DeadLetterDepth deadLetterDepth, SyncShutdown shutdown, ConnectorEngine engine,
                      SweepSchedule sweeps, Clock clock, RunFinisher finisher, InstanceLiveness liveness,
                      MekongProperties properties, LiveRuns liveRuns) {
        this.runs = runs;
        this.connections = connections;
        this.camel = camel;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.deadLetterDepth = deadLetterDepth;
        this.shutdown = shutdown;
        this.engine = engine;
        this.sweeps = sweeps;
        this.clock = clock;
        this.finisher = finisher;
        this.liveness = liveness;
        this.limits = properties.sync();
        this.liveRuns = liveRuns;
    }

    /**
     * Executes the run and records its end, whatever happens: when the database goes away while the run records its
     * progress, the run ends failed, written by {@link RunFinisher} as soon as the database takes it.
     */
    public void run(long runId) {
        try {
            End end = execute(runId, liveness.instanceId());
            if (end != null) {
                finisher.finish(runId, end.status(), end.error());
            }
        } catch (RuntimeException e) {
            String reason = ConnectorException.reasonOf(e);
            log.warn("Sync run {} stopped: it could not record its progress: {}", runId, reason);
            finisher.finish(runId, "failed", "the run could not record its progress: " + reason);
        }
    }

    /** How a run ended. */
    private record End(String status, String error) {
    }

    /** @return how the run ended, or null when it is no longer this instance's to end (a sweep ended it) */
    private End execute(long runId, String owner) {
        SyncRun run = runs.find(runId).orElseThrow();
        if (!runs.markRunning(runId, owner)) {
            log.warn("Sync run {} was ended by a run sweep before it started", runId);
            return null;
        }
        ConnectionContext connection;
        try {
            connection = connections.context(run.connectionId());
        } catch (RuntimeException e) {
            return new End("failed", e.getMessage());
        }
        // one budget for the whole run: its streams and sweeps, and the pages read ahead
        PageBudget budget = new PageBudget(limits.maxPagesPerRun(), limits.maxRunDuration(), clock);
        try (LiveRuns.Tracker live = liveRuns.track(runId, connection.connectionId(), budget)) {
            return readStreams(run, owner, connection, budget, live);
        }
    }

    /** @return how the run ended, or null when it is no longer this instance's to end (a sweep ended it) */
    private End readStreams(SyncRun run, String owner, ConnectionContext connection, PageBudget budget,
                            LiveRuns.Tracker live) {
        long runId = run.id();
        List<String> errors = new ArrayList<>();
        for (SyncRun.StreamRun stream : run.streams()) {
            if (shutdown.stopping()) {
                return new End("interrupted", SyncShutdown.STOPPED);
            }
            Instant started = clock.instant();
            live.reading(stream.stream());
            // a first full read finds everything; only an incremental run tells what webhooks missed
            boolean reconciles = webhooksDeliver(connection, stream.stream())
                    && checkpoints.load(connection.connectionId(), stream.stream()) != null;
            String error = send(SYNC_STREAM, runId, connection, stream.stream(), budget);
            if (error == null && sweeps.due(connection.connector(), connection.connectionId(), stream.stream(),
                    SWEEP_TRIGGER.equals(run.trigger()))) {
                // deletions that went unseen fail the stream
                error = send(DELETION_SWEEP, runId, connection, stream.stream(), budget);
                error = error == null ? null : "deletion sweep: " + error;
            }
            if (error != null && shutdown.stopping()) {
                return new End("interrupted", SyncShutdown.STOPPED);
            }
            String status = error == null ? "succeeded" : "failed";
            if (!runs.markStream(runId, owner, stream.stream(), status, error)) {
                log.warn("Sync run {} was ended by another instance's run sweep (it took this instance for stopped);"
                        + " its remaining streams are left to the next run", runId);
                return null;
            }
            if (error == null && reconciles) {
                runs.markMissedByWebhooks(runId, stream.stream());
            }
            if (error != null) {
                errors.add(stream.stream() + ": " + error);
            }
            recordMetrics(runId, run.connectionId(), stream.stream(), status, Duration.between(started, clock.instant()));
        }
        String status = errors.isEmpty() ? "succeeded" : "failed";
        log.info("Sync run {} of {} {}{}", runId, run.connectionId(), status, errors.isEmpty() ? "" : ": " + errors);
        return new End(status, errors.isEmpty() ? null : String.join("; ", errors));
    }

    private boolean webhooksDeliver(ConnectionContext connection, String stream) {
        WebhookSpec webhooks = engine.webhooks(connection.connector());
        String entity = engine.entity(connection.connector(), stream);
        return webhooks != null && webhooks.topics().values().stream().anyMatch(t -> !t.privacy() && t.entity().equals(entity));
    }

    private void recordMetrics(long runId, String connectionId, String stream, String status, Duration took) {
        runs.find(runId).orElseThrow().streams().stream().filter(s -> s.stream().equals(stream)).findFirst()
                .ifPresent(s -> metrics.recordRun(connectionId, stream, status, took.toMillis(),
                        new RunMetrics.Counts(s.inserted(), s.updated(), s.unchanged(), s.stale(), s.rejected())));
        deadLetterDepth.track(connectionId);
    }

    /** @return null on success, else the reason the route failed */
    private String send(String route, long runId, ConnectionContext connection, String stream, PageBudget budget) {
        Exchange result = camel.send(route, exchange -> {
            exchange.getIn().setHeader(Headers.CONNECTION, connection);
            exchange.getIn().setHeader(Headers.STREAM, stream);
            exchange.getIn().setHeader(Headers.RUN_ID, runId);
            exchange.getIn().setHeader(Headers.CHECKPOINT, checkpoints.load(connection.connectionId(), stream));
            exchange.getIn().setHeader(Headers.HAS_MORE, true);
            exchange.getIn().setHeader(Headers.PAGE_BUDGET, budget);
        });
        Exception failure = result.getException();
        if (failure == null) {
            return null;
        }
        log.warn("{} of stream {} in run {} failed: {}", route, stream, runId, ConnectorException.reasonOf(failure));
        return ConnectorException.reasonOf(failure);
    }
}
