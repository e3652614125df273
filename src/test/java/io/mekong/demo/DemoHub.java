package io.mekong.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.MekongApplication;
import io.mekong.config.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A hub started as the default run starts it (sandbox and demo on), with small demo shops, for the demo's tests. */
final class DemoHub {

    static final List<String> DEMO_CONNECTIONS = List.of("demo-shopify", "demo-shopify-usd", "demo-magento",
            "demo-shopee", "demo-stripe", "demo-stripe-usd", "demo-lazada", "demo-woocommerce", "demo-haravan");
    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(6);
    private static final String PASSWORD = "demo-hub-admin";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoHub() {
    }

    /** @param name names the test's Quartz scheduler (see below) */
    static ConfigurableApplicationContext start(Path dataDir, String name) {
        return new SpringApplicationBuilder(MekongApplication.class).run("--server.port=0",
                "--mekong.data-dir=" + dataDir, "--mekong.admin-password=" + PASSWORD,
                "--mekong.master-key=demo-hub-test-passphrase", "--mekong.sandbox.enabled=true",
                "--mekong.demo.activity-every=PT1H", "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                // Quartz keeps its data sources in one registry per JVM, by scheduler name: a name of its own keeps this
                // hub from taking over (and, once closed, breaking) the scheduler of the tests' shared context
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + name,
                // small demo shops keep the syncs short; the other simulators take their people from the VND one
                "--mekong.sandbox.shopify.shops[0].domain=mekong-demo-vn.myshopify.com",
                "--mekong.sandbox.shopify.shops[0].currency=VND", "--mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
                "--mekong.sandbox.shopify.shops[0].plan=enterprise", "--mekong.sandbox.shopify.shops[0].customers=120",
                "--mekong.sandbox.shopify.shops[0].orders=100", "--mekong.sandbox.shopify.shops[0].products=20",
                "--mekong.sandbox.shopify.shops[1].domain=mekong-demo-us.myshopify.com",
                "--mekong.sandbox.shopify.shops[1].currency=USD", "--mekong.sandbox.shopify.shops[1].timezone=America/New_York",
                "--mekong.sandbox.shopify.shops[1].plan=enterprise", "--mekong.sandbox.shopify.shops[1].customers=20",
                "--mekong.sandbox.shopify.shops[1].orders=30", "--mekong.sandbox.shopify.shops[1].products=10",
                // the targets' quotas are the vendors' (docs/sandbox.md): raised, the demo's deliveries take seconds
                "--mekong.sandbox.klaviyo.burst-per-second=1000", "--mekong.sandbox.klaviyo.steady-per-minute=60000",
                "--mekong.sandbox.hubspot.requests-per-ten-seconds=10000");
    }

    /**
     * The statuses (with the error of a failed one) of the demo's start-up runs after the first {@code skip}, one per
     * connection, once none is queued or running.
     */
    static List<String> startupRuns(ConfigurableApplicationContext hub, int skip) throws InterruptedException {
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        Instant deadline = Instant.now().plus(RUNS_TIMEOUT);
        String query = "select status || coalesce(': ' || error, '') from sync_run where trigger = 'startup' order by id offset " + skip;
        List<String> statuses = jdbc.queryForList(query, String.class);
        while (Instant.now().isBefore(deadline)
                && (statuses.size() < DEMO_CONNECTIONS.size() || statuses.stream().anyMatch(s -> s.startsWith("queued") || s.startsWith("running")))) {
            Thread.sleep(500);
            statuses = jdbc.queryForList(query, String.class);
        }
        assertThat(statuses).as("start-up runs by %s", deadline).hasSize(DEMO_CONNECTIONS.size());
        return statuses;
    }

    /** GET of the hub's API as the admin, as an operator calls it; the answer must be 200. */
    static JsonNode get(ConfigurableApplicationContext hub, String path) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://localhost:" + hub.getEnvironment().getProperty("local.server.port") + path);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
