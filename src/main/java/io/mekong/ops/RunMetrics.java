package io.mekong.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Sync run metrics, called once per finished run and stream. In Prometheus:
 * {@code mekong_sync_runs_total{connection,status}},
 * {@code mekong_sync_records_total{connection,stream,outcome}} and
 * {@code mekong_sync_run_duration_seconds{connection,stream,status}} (count, sum, max).
 * Tags are bounded: connections and streams are configured, not data; statuses outside the known set are
 * recorded as {@code other}.
 */
@Component
public class RunMetrics {

    static final Set<String> STATUSES = Set.of("succeeded", "failed", "partial", "cancelled");

    private final MeterRegistry registry;

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Record counts of one run of one stream; every count is the number of records with that outcome. */
    public record Counts(long inserted, long updated, long unchanged, long stale, long rejected) {
    }

    public void recordRun(String connection, String stream, String status, long durationMs, Counts counts) {
        String runStatus = normalisedStatus(status);
        Counter.builder("mekong.sync.runs")
                .description("Finished sync runs per stream")
                .tags("connection", connection, "status", runStatus)
                .register(registry)
                .increment();
        Timer.builder("mekong.sync.run.duration")
                .description("Duration of sync runs per stream")
                .tags("connection", connection, "stream", stream, "status", runStatus)
                .register(registry)
                .record(Duration.ofMillis(Math.max(0, durationMs)));
        records(connection, stream, "inserted", counts.inserted());
        records(connection, stream, "updated", counts.updated());
        records(connection, stream, "unchanged", counts.unchanged());
        records(connection, stream, "stale", counts.stale());
        records(connection, stream, "rejected", counts.rejected());
    }

    private void records(String connection, String stream, String outcome, long count) {
        Counter.builder("mekong.sync.records")
                .description("Records processed by sync runs, by outcome")
                .tags("connection", connection, "stream", stream, "outcome", outcome)
                .register(registry)
                .increment(Math.max(0, count));
    }

    private static String normalisedStatus(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return STATUSES.contains(s) ? s : "other";
    }
}
