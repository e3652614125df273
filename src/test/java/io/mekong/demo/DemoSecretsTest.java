package io.mekong.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.MekongApplication;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.spec.RefreshSpec;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo's secrets across two starts of one install: the first start makes random ones and stores them sealed;
 * the second hands the stored ones, renewed by the hub in between, to the re-seeded simulators, and every demo sync
 * of that start succeeds with them.
 */
class DemoSecretsTest {

    private static final List<String> DEMO_CONNECTIONS = List.of("demo-shopify", "demo-shopify-usd", "demo-magento",
            "demo-shopee", "demo-stripe", "demo-stripe-usd", "demo-lazada", "demo-woocommerce", "demo-haravan");
    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void theFirstStartStoresRandomSecretsAndALaterStartsSimulatorsAcceptTheStoredRenewedOnes() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "demo-secrets-");
        Map<String, String> shopee;
        Map<String, String> lazada;
        Map<String, String> haravan;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            ConnectionService connections = first.getBean(ConnectionService.class);
            Set<String> seen = new HashSet<>();
            for (String id : DEMO_CONNECTIONS) {
                Map<String, String> secrets = connections.context(id).secrets();
                assertThat(secrets).as(id).isNotEmpty();
                secrets.forEach((name, value) -> {
                    if (name.equals(RefreshSpec.EXPIRES_AT_SECRET)) {
                        return;
                    }
                    // a Shopify token carries Shopify's own prefix, as a custom app's Admin API token does
                    assertThat(value).as("%s %s", id, name).matches("(shpat_)?[0-9a-f]{64}");
                    assertThat(seen.add(value)).as("%s %s is its own", id, name).isTrue();
                });
            }
            // the simulators were handed what was stored
            assertThat(first.getBean(ShopifySimulator.class).shop("mekong-demo-vn.myshopify.com").settings().accessToken())
                    .isEqualTo(connections.context("demo-shopify").secrets().get("accessToken"));
            MagentoStore.Integration magento = first.getBean(MagentoSimulator.class).store("default").integration();
            assertThat(magento.accessTokenSecret()).isEqualTo(connections.context("demo-magento").secrets().get("accessTokenSecret"));
            assertThat(startupRuns(first, 0)).as("the first start's demo syncs").containsOnly("succeeded");

            // the hub renewed the single-use token pairs (Shopee, Lazada, Haravan) since, and the access tokens are due
            shopee = renewed(connections, "demo-shopee");
            lazada = renewed(connections, "demo-lazada");
            haravan = renewed(connections, "demo-haravan");
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            ConnectionService connections = second.getBean(ConnectionService.class);
            assertThat(startupRuns(second, DEMO_CONNECTIONS.size())).as("the second start's demo syncs")
                    .containsOnly("succeeded");
            // each spent the stored refresh token (only the stored one can be spent) and stored the new pair
            assertThat(connections.context("demo-shopee").secrets().get("refreshToken")).isNotEqualTo(shopee.get("refreshToken"));
            assertThat(connections.context("demo-lazada").secrets().get("refreshToken")).isNotEqualTo(lazada.get("refreshToken"));
            assertThat(connections.context("demo-haravan").secrets().get("refreshToken")).isNotEqualTo(haravan.get("refreshToken"));
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(MekongApplication.class).run("--server.port=0",
                "--mekong.data-dir=" + dataDir, "--mekong.admin-password=demo-secrets-admin",
                "--mekong.master-key=demo-secrets-test-passphrase", "--mekong.sandbox.enabled=true",
                "--mekong.demo.activity-every=PT1H", "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                // Quartz keeps its data sources in one registry per JVM, by scheduler name: a name of its own keeps this
                // hub from taking over (and, once closed, breaking) the scheduler of the tests' shared context
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=demo-secrets-test",
                // small demo shops keep the syncs short; the other simulators take their people from the VND one
                "--mekong.sandbox.shopify.shops[0].domain=mekong-demo-vn.myshopify.com",
                "--mekong.sandbox.shopify.shops[0].currency=VND", "--mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
                "--mekong.sandbox.shopify.shops[0].plan=enterprise", "--mekong.sandbox.shopify.shops[0].customers=120",
                "--mekong.sandbox.shopify.shops[0].orders=100", "--mekong.sandbox.shopify.shops[0].products=20",
                "--mekong.sandbox.shopify.shops[1].domain=mekong-demo-us.myshopify.com",
                "--mekong.sandbox.shopify.shops[1].currency=USD", "--mekong.sandbox.shopify.shops[1].timezone=America/New_York",
                "--mekong.sandbox.shopify.shops[1].plan=enterprise", "--mekong.sandbox.shopify.shops[1].customers=20",
                "--mekong.sandbox.shopify.shops[1].orders=30", "--mekong.sandbox.shopify.shops[1].products=10");
    }

    /** A new pair stored as the hub stores a renewal, with the access token already expired. */
    private static Map<String, String> renewed(ConnectionService connections, String id) {
        return connections.renew(id, Map.of(), stored -> Map.of("accessToken", SandboxSecrets.random(""),
                "refreshToken", SandboxSecrets.random(""),
                RefreshSpec.EXPIRES_AT_SECRET, Instant.now().minusSeconds(60).toString()));
    }

    /**
     * The statuses (with the error of a failed one) of the demo's start-up runs after the first {@code skip}, one per
     * connection, once none is queued or running.
     */
    private static List<String> startupRuns(ConfigurableApplicationContext hub, int skip) throws InterruptedException {
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
}
