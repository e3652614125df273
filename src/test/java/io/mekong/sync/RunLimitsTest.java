package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.MekongProperties;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectorEngine;
import io.mekong.ops.DeadLetterDepth;
import io.mekong.ops.RunMetrics;
import io.mekong.store.Checkpoints;
import io.mekong.testing.HubIntegrationTest;
import io.mekong.testing.TestProperties;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run past {@code mekong.sync.max-pages-per-run} stops with the limit named; what it committed stays, and the next
 * run reads on from the checkpoints. The runner is the hub's own, built with a small limit.
 */
class RunLimitsTest extends HubIntegrationTest {

    @Autowired
    SyncRunRepository runs;
    @Autowired
    SyncJobRepository jobs;
    @Autowired
    ConnectionService connections;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    RunMetrics metrics;
    @Autowired
    DeadLetterDepth deadLetterDepth;
    @Autowired
    SyncShutdown shutdown;
    @Autowired
    ConnectorEngine engine;
    @Autowired
    SweepSchedule sweeps;
    @Autowired
    Clock clock;
    @Autowired
    RunFinisher finisher;
    @Autowired
    InstanceLiveness liveness;
    @Autowired
    LiveRuns liveRuns;

    @Test
    void aRunPastItsPageLimitFailsNamingTheLimitAndTheNextRunReadsOn() {
        long syncId = connectionWithSync("limits-shop", TOKEN);
        SyncJob job = jobs.find(syncId).orElseThrow();
        // customers: one page of 60; orders: 50 pages of 3. Ten pages end the run inside orders.
        SyncRunner limited = runner(TestProperties.of(Map.of("mekong.sync.max-pages-per-run", "10")));

        long runId = runs.queue(job, "manual", liveness.instanceId()).orElseThrow();
        limited.run(runId);

        SyncRun run = runs.find(runId).orElseThrow();
        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).isEqualTo("orders: the run stopped at its limit of 10 API pages"
                + " (mekong.sync.max-pages-per-run); the next run goes on from the last committed checkpoint; products: "
                + "the run stopped at its limit of 10 API pages (mekong.sync.max-pages-per-run); the next run goes on from"
                + " the last committed checkpoint");
        assertThat(run.streams()).extracting(SyncRun.StreamRun::stream, SyncRun.StreamRun::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("customers", "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("orders", "failed"),
                        org.assertj.core.groups.Tuple.tuple("products", "failed"));
        JsonNode customersCheckpoint = checkpoints.load("limits-shop", "customers");
        assertThat(customersCheckpoint).as("what the run committed stays committed").isNotNull();
        assertThat(runs.activeRun(job.id())).as("the sync is free for its next run").isEmpty();

        JsonNode next = runToEnd(syncId);
        assertThat(next.get("status").asText()).isEqualTo("succeeded");
        assertThat(stream(next, "customers").get("inserted").asInt()).as("customers read on from their checkpoint").isZero();
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = 'limits-shop'", Integer.class))
                .isEqualTo(shop().orderCount());
    }

    private SyncRunner runner(MekongProperties properties) {
        return new SyncRunner(runs, connections, camel, checkpoints, metrics, deadLetterDepth, shutdown, engine, sweeps,
                clock, finisher, liveness, properties, liveRuns);
    }
}
