package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The run sweep and run ends across instances, on a real PostgreSQL: each instance is an {@link InstanceLiveness}
 * with its own database session, as separate hubs have.
 */
class RunSweepTest {

    private final DataSource dataSource = TestDatabase.dataSource();
    private final JdbcTemplate jdbc = TestDatabase.freshWorkspace("sweep-ws", "sweep-conn");
    private final SyncRunRepository runs = new SyncRunRepository(jdbc);
    private final List<InstanceLiveness> instances = new java.util.ArrayList<>();
    private SyncJob job;

    @BeforeEach
    void job() {
        job = new SyncJobRepository(jdbc).create("sweep-ws", "sweep-conn", List.of("customers", "orders"), null,
                java.time.ZoneOffset.UTC, true);
    }

    @AfterEach
    void stop() {
        instances.forEach(InstanceLiveness::close);
    }

    private InstanceLiveness instance() throws SQLException {
        InstanceLiveness instance = new InstanceLiveness(dataSource, jdbc);
        instances.add(instance);
        return instance;
    }

    private long running(InstanceLiveness owner) {
        long runId = runs.queue(job, "manual", owner.instanceId()).orElseThrow();
        assertThat(runs.markRunning(runId, owner.instanceId())).isTrue();
        return runId;
    }

    @Test
    void theSweepEndsTheRunsOfAStoppedInstanceAndNotThoseOfALiveOne() throws SQLException {
        InstanceLiveness sweeping = instance();
        InstanceLiveness stopped = instance();
        long orphan = running(stopped);
        stopped.close(); // its session ends, as when the process dies

        new RunSweep(runs, sweeping, new RunFinisher(runs, sweeping)).sweep();

        SyncRun ended = runs.find(orphan).orElseThrow();
        assertThat(ended.status()).isEqualTo("interrupted");
        assertThat(ended.error()).isEqualTo(RunSweep.ORPHANED);
        assertThat(ended.streams()).extracting(SyncRun.StreamRun::status).containsOnly("interrupted");

        InstanceLiveness live = instance();
        long alive = running(live);
        new RunSweep(runs, sweeping, new RunFinisher(runs, sweeping)).sweep();
        assertThat(runs.find(alive).orElseThrow().status()).isEqualTo("running");
    }

    @Test
    void aRunEndedByAnotherInstancesSweepKeepsThatEndAndItsInstanceTakesItsLockAgain() throws SQLException {
        InstanceLiveness sweeping = instance();
        InstanceLiveness cut = instance();
        long runId = running(cut);
        // the session holding cut's lock ends while cut lives on (a database restart, a broken connection)
        jdbc.queryForList("""
                select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objsubid = 1
                and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)""", cut.instanceId());
        assertThat(sweeping.isAlive(cut.instanceId())).as("without its lock an instance looks stopped").isFalse();
        new RunSweep(runs, sweeping, new RunFinisher(runs, sweeping)).sweep();
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo("interrupted");

        RunFinisher late = new RunFinisher(runs, cut);
        late.finish(runId, "succeeded", null);
        assertThat(runs.find(runId).orElseThrow().status()).as("the late end does not overwrite the sweep's").isEqualTo("interrupted");
        assertThat(late.waiting()).isZero();
        assertThat(runs.markStream(runId, cut.instanceId(), "orders", "succeeded", null))
                .as("nor does a late stream end").isFalse();

        new RunSweep(runs, cut, late).sweep();
        assertThat(sweeping.isAlive(cut.instanceId())).as("its own sweep took the lock again").isTrue();
    }

    @Test
    void aRunEndTheDatabaseCouldNotTakeIsWrittenByTheNextSweep() throws SQLException {
        InstanceLiveness owner = instance();
        long runId = running(owner);
        AwayDatabase database = new AwayDatabase(dataSource);
        SyncRunRepository through = new SyncRunRepository(new JdbcTemplate(database));
        RunFinisher finisher = new RunFinisher(through, owner);

        database.away = true;
        finisher.finish(runId, "failed", "orders: boom");
        assertThat(finisher.waiting()).isEqualTo(1);
        new RunSweep(through, owner, finisher).sweep();
        assertThat(finisher.waiting()).as("still away: the end keeps waiting").isEqualTo(1);
        assertThat(runs.activeRun(job.id())).as("not written yet").contains(runId);

        database.away = false;
        new RunSweep(through, owner, finisher).sweep();

        SyncRun ended = runs.find(runId).orElseThrow();
        assertThat(ended.status()).isEqualTo("failed");
        assertThat(ended.error()).isEqualTo("orders: boom");
        assertThat(ended.streams()).extracting(SyncRun.StreamRun::status).containsOnly("failed");
        assertThat(finisher.waiting()).isZero();
        assertThat(runs.activeRun(job.id())).as("the sync's next run may start").isEmpty();
    }

    /** The database as the hub sees it while it is stopped: no connection to be had. */
    private static final class AwayDatabase extends org.springframework.jdbc.datasource.DelegatingDataSource {

        volatile boolean away;

        AwayDatabase(DataSource target) {
            super(target);
        }

        @Override
        public java.sql.Connection getConnection() throws SQLException {
            if (away) {
                throw new SQLException("Connection to localhost refused", "08001");
            }
            return super.getConnection();
        }
    }
}
