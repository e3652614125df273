package io.mekong.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunMetrics metrics = new RunMetrics(registry);

    @Test
    void countsRunsRecordsByOutcomeAndDuration() {
        metrics.recordRun("shop-1", "orders", "succeeded", 1500, new RunMetrics.Counts(3, 2, 5, 1, 0));
        metrics.recordRun("shop-1", "orders", "succeeded", 500, new RunMetrics.Counts(1, 0, 0, 0, 2));

        assertThat(registry.get("mekong.sync.runs").tags("connection", "shop-1", "status", "succeeded")
                .counter().count()).isEqualTo(2);
        assertThat(records("inserted")).isEqualTo(4);
        assertThat(records("updated")).isEqualTo(2);
        assertThat(records("unchanged")).isEqualTo(5);
        assertThat(records("stale")).isEqualTo(1);
        assertThat(records("rejected")).isEqualTo(2);
        var timer = registry.get("mekong.sync.run.duration").tags("connection", "shop-1", "stream", "orders").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
    }

    @Test
    void unknownStatusesShareOneTagValue() {
        metrics.recordRun("shop-1", "orders", "Exploded: NPE at line 42", 10, new RunMetrics.Counts(0, 0, 0, 0, 0));
        metrics.recordRun("shop-1", "orders", "FAILED", 10, new RunMetrics.Counts(0, 0, 0, 0, 0));

        assertThat(registry.get("mekong.sync.runs").tag("status", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("mekong.sync.runs").tag("status", "failed").counter().count()).isEqualTo(1);
    }

    private double records(String outcome) {
        return registry.get("mekong.sync.records").tags("connection", "shop-1", "stream", "orders", "outcome", outcome)
                .counter().count();
    }
}
