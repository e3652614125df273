package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.MekongApplication;
import io.mekong.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances on one external PostgreSQL (the production shape, MEKONG_DB_URL set): Quartz's clustered
 * JDBC job store fires each scheduled sync exactly once across them.
 */
class ClusteredSchedulingTest {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<String> fires = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void eachScheduledFireRunsOnExactlyOneInstance() throws Exception {
        String url = TestDatabase.newDatabaseUrl("clustered_scheduling");
        ConfigurableApplicationContext a = start(url, "a");
        ConfigurableApplicationContext b = start(url, "b");

        SyncJobRepository jobs = a.getBean(SyncJobRepository.class);
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        jdbc.update("insert into workspace (id, name) values ('cluster', 'cluster') on conflict do nothing");
        jdbc.update("insert into connection (id, workspace_id, connector, name, params) values"
                + " ('cluster-shop', 'cluster', 'shopify', 'cluster', '{}') on conflict do nothing");
        SyncJob job = jobs.create("cluster", "cluster-shop", List.of("customers"), "@every 10s", true);
        a.getBean(SyncScheduler.class).schedule(job);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (distinctFireTimes() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        Map<String, Long> perFireTime = fires.stream()
                .collect(Collectors.groupingBy(f -> f.substring(f.indexOf('@') + 1), Collectors.counting()));
        assertThat(perFireTime).hasSizeGreaterThanOrEqualTo(3);
        assertThat(perFireTime.values()).as("fires: %s", fires).allMatch(count -> count == 1);
        assertThat(jdbc.queryForObject("select count(*) from sync_run where job_id = ? and trigger = 'schedule'",
                Integer.class, job.id())).isGreaterThanOrEqualTo(1);
    }

    private long distinctFireTimes() {
        synchronized (fires) {
            return fires.stream().map(f -> f.substring(f.indexOf('@') + 1)).distinct().count();
        }
    }

    private ConfigurableApplicationContext start(String url, String name) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-" + name + "-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MekongApplication.class)
                // the production configuration: MEKONG_DB_URL names the shared database
                .properties(Map.of("MEKONG_DB_URL", url, "MEKONG_DB_USER", "postgres"))
                .run("--server.port=0", "--mekong.data-dir=" + dataDir, "--mekong.admin-password=cluster-admin",
                        "--mekong.master-key=cluster-test-passphrase", "--mekong.sandbox.enabled=false",
                        "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                        // Quartz keeps its data sources in one registry per JVM, by scheduler name: a name shared by
                        // these two instances alone keeps them from taking over the other test contexts' schedulers
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=cluster-test");
        instances.add(context);
        context.getBean(Scheduler.class).getListenerManager().addJobListener(new JobListener() {
            @Override
            public String getName() {
                return "fire-recorder-" + name;
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext fire) {
                fires.add(name + "@" + fire.getScheduledFireTime().toInstant());
            }

            @Override
            public void jobExecutionVetoed(JobExecutionContext fire) {
                // not used
            }

            @Override
            public void jobWasExecuted(JobExecutionContext fire, JobExecutionException failure) {
                // recorded before execution
            }
        });
        return context;
    }
}
