package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.HubIntegrationTest;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table that grew past its statistics is analysed by the hub within a few seconds; a large table that changed a
 * little is left to autovacuum. Autovacuum is off on the probe tables, so only the hub can have analysed them.
 */
class PlannerStatisticsTest extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlannerStatistics statistics;

    @Test
    void aTableThatOutgrewItsStatisticsIsAnalysedWithinAFewSeconds() throws InterruptedException {
        jdbc.execute("create table stats_probe_young (id bigint primary key) with (autovacuum_enabled = false)");
        jdbc.execute("analyze stats_probe_young");
        jdbc.update("insert into stats_probe_young select generate_series(1, 5000)");

        waitUntil(Duration.ofSeconds(60), () -> analyses("stats_probe_young") >= 2);

        assertThat(jdbc.queryForObject("select reltuples from pg_class where relname = 'stats_probe_young'", Float.class))
                .as("rows the planner expects").isEqualTo(5000f);
    }

    @Test
    void aLargeTableThatChangedALittleIsLeftToAutovacuum() {
        // one session, its counts flushed at once, so that the analysis sees every insert before it
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table stats_probe_settled (id bigint primary key) with (autovacuum_enabled = false)");
                statement.execute("insert into stats_probe_settled select generate_series(1, 20000)");
                statement.execute("select pg_stat_force_next_flush()");
                statement.execute("analyze stats_probe_settled");
                statement.execute("insert into stats_probe_settled select generate_series(20001, 22000)");
                statement.execute("select pg_stat_force_next_flush()");
            }
            return null;
        });
        assertThat(jdbc.queryForObject("select n_mod_since_analyze from pg_stat_user_tables where relname = 'stats_probe_settled'",
                Long.class)).as("rows changed since the analysis").isEqualTo(2000);

        assertThat(statistics.grown()).as("tables due for analysis").doesNotContain("public.stats_probe_settled");
    }

    private long analyses(String table) {
        return jdbc.queryForObject("select analyze_count from pg_stat_user_tables where relname = ?", Long.class, table);
    }

    private static void waitUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + limit + " in vain").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
