package io.mekong.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.spec.RefreshSpec;
import io.mekong.identity.consent.ConsentView;
import io.mekong.identity.consent.Consents;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The default run, as a newcomer starts it twice: the first start makes random secrets, stores them sealed and syncs
 * every demo system; its changes fan out to the simulated targets, which then hold one object per profile and every
 * order; the second start hands the stored secrets, renewed by the hub in between, to the re-seeded simulators, and
 * every demo sync of that start succeeds with them. The tests share one install, in this order (a demo start costs
 * minutes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoRunTest {

    private static final String SCHEDULER = "demo-run-test";
    private static final List<String> DESTINATIONS = List.of("demo-klaviyo", "demo-mailchimp", "demo-hubspot",
            "demo-merchant-hook");
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(6);

    private Path dataDir;
    private ConfigurableApplicationContext hub;

    @BeforeAll
    void firstStart() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "demo-run-");
        hub = DemoHub.start(dataDir, SCHEDULER);
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    @Order(1)
    void theFirstStartStoresRandomSecretsSealedAndEveryDemoSyncSucceedsWithThem() throws Exception {
        ConnectionService connections = hub.getBean(ConnectionService.class);
        Set<String> seen = new HashSet<>();
        for (String id : DemoHub.DEMO_CONNECTIONS) {
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
        assertThat(hub.getBean(ShopifySimulator.class).shop("mekong-demo-vn.myshopify.com").settings().accessToken())
                .isEqualTo(connections.context("demo-shopify").secrets().get("accessToken"));
        MagentoStore.Integration magento = hub.getBean(MagentoSimulator.class).store("default").integration();
        assertThat(magento.accessTokenSecret()).isEqualTo(connections.context("demo-magento").secrets().get("accessTokenSecret"));
        assertThat(DemoHub.startupRuns(hub, 0)).as("the first start's demo syncs").containsOnly("succeeded");
    }

    @Test
    @Order(2)
    void afterTheDemoSyncsEachTargetHoldsOneObjectPerProfileAndEveryOrder() throws Exception {
        assertThat(DemoHub.startupRuns(hub, 0)).as("the demo's syncs").containsOnly("succeeded");
        caughtUp();
        Store store = new Store(hub);

        JsonNode klaviyo = DemoHub.get(hub, "/sandbox/klaviyo/_state");
        List<String> klaviyoProfiles = values(klaviyo.path("profiles"), "/attributes/external_id");
        List<String> placed = new ArrayList<>();
        klaviyo.path("profiles").forEach(p -> p.path("events").forEach(e -> {
            if (e.path("metric").asText().equals("Placed Order")) {
                placed.add(e.path("unique_id").asText());
            }
        }));
        JsonNode hubspot = DemoHub.get(hub, "/sandbox/hubspot/_state");
        List<String> contacts = lower(values(hubspot.path("contacts"), "/properties/email"));
        List<String> deals = values(hubspot.path("deals"), "/properties/mekong_order_key");
        JsonNode mailchimp = DemoHub.get(hub, "/sandbox/mailchimp/_state");
        List<String> subscribedMembers = new ArrayList<>();
        mailchimp.path("members").forEach(m -> {
            if (m.path("status").asText().equals("subscribed")) {
                subscribedMembers.add(m.path("email_address").asText().toLowerCase(Locale.ROOT));
            }
        });
        List<String> mailchimpOrders = values(mailchimp.path("store").path("orders"), "/id");
        JsonNode hook = DemoHub.get(hub, "/sandbox/hooks/_state").path("receivers").path("merchant");
        Set<String> hooked = new HashSet<>();
        hook.path("deliveries").forEach(d -> {
            if (d.at("/body/type").asText().startsWith("io.mekong.order.")) {
                hooked.add(d.at("/body/subject").asText());
            }
        });

        // one Klaviyo profile per person, though Klaviyo keys people by phone too and some share one (docs/targets.md)
        assertThat(klaviyoProfiles).as("Klaviyo: one profile per profile").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(store.profileIds);
        assertThat(placed).as("Klaviyo: one Placed Order per order").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(store.orderKeys.stream().map(o -> "placed:" + o).toList());

        assertThat(contacts).as("HubSpot: one contact per email").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(store.emails);
        assertThat(deals).as("HubSpot: one deal per order").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(store.orderKeys);

        assertThat(subscribedMembers).as("Mailchimp: one subscribed member per email whose owner said yes")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(store.subscribed);
        assertThat(mailchimpOrders).as("Mailchimp: every order with an email, once").doesNotHaveDuplicates()
                .hasSizeGreaterThanOrEqualTo(store.ordersWithEmail).hasSizeLessThanOrEqualTo(store.orders.size());

        assertThat(hook.path("duplicates").asInt()).as("the merchant's endpoint: no event twice").isZero();
        assertThat(hooked).as("the merchant's endpoint: every order").containsExactlyInAnyOrderElementsOf(store.orders);
    }

    @Test
    @Order(3)
    void aLaterStartsSimulatorsAcceptTheStoredRenewedSecrets() throws Exception {
        DemoHub.startupRuns(hub, 0);
        ConnectionService connections = hub.getBean(ConnectionService.class);
        // the hub renewed the single-use token pairs (Shopee, Lazada, Haravan) since, and the access tokens are due
        Map<String, String> shopee = renewed(connections, "demo-shopee");
        Map<String, String> lazada = renewed(connections, "demo-lazada");
        Map<String, String> haravan = renewed(connections, "demo-haravan");
        hub.close();
        hub = DemoHub.start(dataDir, SCHEDULER);
        connections = hub.getBean(ConnectionService.class);
        assertThat(DemoHub.startupRuns(hub, DemoHub.DEMO_CONNECTIONS.size())).as("the second start's demo syncs")
                .containsOnly("succeeded");
        // each spent the stored refresh token (only the stored one can be spent) and stored the new pair
        assertThat(connections.context("demo-shopee").secrets().get("refreshToken")).isNotEqualTo(shopee.get("refreshToken"));
        assertThat(connections.context("demo-lazada").secrets().get("refreshToken")).isNotEqualTo(lazada.get("refreshToken"));
        assertThat(connections.context("demo-haravan").secrets().get("refreshToken")).isNotEqualTo(haravan.get("refreshToken"));
    }

    /** A new pair stored as the hub stores a renewal, with the access token already expired. */
    private static Map<String, String> renewed(ConnectionService connections, String id) {
        return connections.renew(id, Map.of(), stored -> Map.of("accessToken", SandboxSecrets.random(""),
                "refreshToken", SandboxSecrets.random(""),
                RefreshSpec.EXPIRES_AT_SECRET, Instant.now().minusSeconds(60).toString()));
    }

    /** Waits until the outbox is empty and every demo destination has delivered all it receives (GET /api/destinations). */
    private void caughtUp() throws Exception {
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        while (true) {
            boolean relayed = jdbc.queryForObject("select count(*) from outbox", Long.class) == 0;
            List<String> behind = new ArrayList<>();
            for (String d : DESTINATIONS) {
                JsonNode status = DemoHub.get(hub, "/api/destinations/" + d);
                if (!status.path("lag").isNumber() || status.path("lag").asLong() != 0) {
                    behind.add(d + " lag " + status.path("lag") + " " + status.path("lastError").asText(""));
                }
            }
            if (relayed && behind.isEmpty()) {
                return;
            }
            assertThat(Instant.now()).as("caught up by %s: outbox empty %s, behind %s", deadline, relayed, behind)
                    .isBefore(deadline);
            Thread.sleep(1000);
        }
    }

    /** What the canonical store holds of the default workspace, the demo's. */
    private static final class Store {

        final Set<String> profileIds = new HashSet<>();
        final Set<String> emails = new HashSet<>();
        final Set<String> subscribed = new HashSet<>();
        /** Orders by their events' subject: {@code <connection id>/<external id>}. */
        final Set<String> orders;
        /** Orders as the targets are told them: {@code <connection's API id>/<external id>}. */
        final Set<String> orderKeys;
        final int ordersWithEmail;

        Store(ConfigurableApplicationContext hub) {
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            List<Long> ids = jdbc.queryForList("select id from profile where workspace_id = 'default'", Long.class);
            Map<Long, Map<String, ConsentView>> consents = hub.getBean(Consents.class).forProfiles(ids);
            jdbc.query("select id, lower(golden->>'email') from profile where workspace_id = 'default'",
                    rs -> {
                        String id = rs.getString(1);
                        String email = rs.getString(2);
                        profileIds.add(id);
                        if (email != null) {
                            emails.add(email);
                            ConsentView consent = consents.getOrDefault(rs.getLong(1), Map.of()).get("email");
                            if (consent != null && consent.status().equals("subscribed")) {
                                subscribed.add(email);
                            }
                        }
                    });
            orders = new HashSet<>(jdbc.queryForList("select connection_id || '/' || external_id from sales_order"
                    + " where workspace_id = 'default'", String.class));
            orderKeys = new HashSet<>(jdbc.queryForList("select c.api_id || '/' || o.external_id from sales_order o"
                    + " join connection c on c.id = o.connection_id where o.workspace_id = 'default'", String.class));
            ordersWithEmail = jdbc.queryForObject("select count(*) from sales_order where workspace_id = 'default'"
                    + " and email is not null", Integer.class);
        }
    }

    private static List<String> values(JsonNode array, String pointer) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> {
            JsonNode value = item.at(pointer);
            values.add(value.isMissingNode() || value.isNull() ? null : value.asText());
        });
        return values;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v == null ? null : v.toLowerCase(Locale.ROOT)).toList();
    }
}
