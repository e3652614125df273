package io.mekong.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mekong.sandbox.hubspot.HubSpotAccount;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoAccount;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.targets.TargetHttp;
import io.mekong.testing.HubProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub as its own process, killed with SIGKILL while a sync's changes are being relayed to Kafka and delivered to a
 * webhook endpoint, Klaviyo and HubSpot, and started again on the same data: every order reaches the endpoint in its
 * final state. Whatever arrives twice at the endpoint arrives under the same event id, which the endpoint's dedupe by
 * Mekong-Event-Id absorbs as docs/destinations.md tells it to (the test prints how many). The connector targets hold
 * each person and each order once: a HubSpot contact per email and a deal per order (by mekong_order_key), a Klaviyo
 * profile per Mekong profile (by external_id) and a Placed Order per order (by unique_id). Their simulators run in this
 * JVM, reached over HTTP like the endpoint.
 */
class BusCrashTest {

    private static final String PASSWORD = "bus-crash-admin";
    private static final String SECRET = "bus-crash-signing-secret";

    private final Receiver receiver = new Receiver();
    private final KlaviyoSimulator klaviyo = new KlaviyoSimulator(new KlaviyoAccount("pk_bus_crash_0000", 1000, 100_000),
            Clock.systemUTC());
    private final HubSpotSimulator hubspot = new HubSpotSimulator(new HubSpotAccount("pat-na1-bus-crash-0000", 24000002,
            100_000), Clock.systemUTC());
    private final TargetHttp klaviyoHttp = TargetHttp.serve(klaviyo);
    private final TargetHttp hubspotHttp = TargetHttp.serve(hubspot);
    private final HubProcess hub = new HubProcess("bus-crash", PASSWORD, List.of(
            "--mekong.sandbox.enabled=true",
            "--mekong.sandbox.shopify.shops[0].domain=bus-crash.myshopify.com",
            "--mekong.sandbox.shopify.shops[0].currency=VND",
            "--mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
            "--mekong.sandbox.shopify.shops[0].access-token=shpat_bus_crash_0000",
            "--mekong.sandbox.shopify.shops[0].plan=enterprise",
            "--mekong.sandbox.shopify.shops[0].customers=40",
            "--mekong.sandbox.shopify.shops[0].orders=600",
            "--mekong.sandbox.shopify.shops[0].products=10",
            "--mekong.sandbox.shopify.shops[0].faults.latency-millis=20"),
            // the endpoint is this test, on loopback: the egress guard lets the hub reach it only when told to
            Map.of("MEKONG_EGRESS_ALLOW", "127.0.0.1/32"));

    @AfterEach
    void stop() throws InterruptedException {
        hub.stop();
        receiver.stop();
        klaviyoHttp.close();
        hubspotHttp.close();
    }

    @Test
    void killedMidRelayAndMidDeliveryLosesNoEventAndRepeatsOnlyTheSameEvents() throws Exception {
        receiver.start();
        // a slow relay the first time, so that the outbox still holds rows when the hub is killed
        hub.start("first", List.of("--mekong.bus.relay-batch=20", "--mekong.bus.relay-every=500ms"));
        hub.api("POST", "/api/connections", Map.of("id", "crash-hook", "connector", "webhook",
                "params", Map.of("url", receiver.url()), "secrets", Map.of("signingSecret", SECRET)));
        hub.api("POST", "/api/destinations", Map.of("id", "crash-hook", "connection", "crash-hook",
                "deliver", List.of("orders", "profiles")));
        hub.api("POST", "/api/connections", Map.of("id", "crash-klaviyo", "connector", "klaviyo",
                "params", Map.of("baseUrl", klaviyoHttp.baseUrl()), "secrets", Map.of("apiKey", klaviyo.account().apiKey())));
        hub.api("POST", "/api/destinations", Map.of("id", "crash-klaviyo", "connection", "crash-klaviyo",
                "deliver", List.of("profiles", "events")));
        hub.api("POST", "/api/connections", Map.of("id", "crash-hubspot", "connector", "hubspot",
                "params", Map.of("baseUrl", hubspotHttp.baseUrl()), "secrets", Map.of("accessToken", hubspot.account().token())));
        hub.api("POST", "/api/destinations", Map.of("id", "crash-hubspot", "connection", "crash-hubspot",
                "deliver", List.of("profiles", "orders")));

        // the demo's first sync is storing orders, the relay publishing them and the destination posting them
        await("events arriving", () -> receiver.orders() > 20, Duration.ofMinutes(3));
        long waiting = hub.api("GET", "/actuator/health").at("/components/bus/details/outboxRows").asLong();
        hub.kill();
        int atKill = receiver.orders();
        assertThat(waiting).as("the kill landed mid-relay").isPositive();

        // the merchant's simulated activity stops after the restart: an order changed after the destination caught up
        // would not be at the endpoint yet when the test compares it with the store
        hub.start("second", List.of("--mekong.demo.activity-every=PT1H"));
        await("the demo sync finished", this::demoSyncSucceeded, Duration.ofMinutes(5));
        // the orders as stored, then every destination caught up with them: the demo keeps changing a few orders, so
        // what a target holds may be newer than what was read, never older
        Map<String, String> stored = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = hub.api("GET", "/api/orders?connection=demo-shopify&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(o -> stored.put(o.get("externalId").asText(), o.get("sourceUpdatedAt").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        await("the outbox empty and the destinations caught up", () -> hub.api("GET", "/actuator/health")
                .at("/components/bus/details/outboxRows").asLong(-1) == 0
                && List.of("crash-hook", "crash-klaviyo", "crash-hubspot").stream()
                        .allMatch(id -> hub.api("GET", "/api/destinations/" + id).get("lag").asLong(-1) == 0),
                Duration.ofMinutes(3));

        assertThat(stored).hasSize(600);
        assertThat(atKill).as("the kill landed mid-delivery").isLessThan(600);

        Map<String, JsonNode> latest = receiver.latestOrders();
        assertThat(latest.keySet()).as("every stored order reached the endpoint").containsAll(stored.keySet());
        stored.forEach((id, updatedAt) -> assertThat(Instant.parse(latest.get(id).at("/data/updatedAt").asText()))
                .as("order %s in its final state", id).isAfterOrEqualTo(Instant.parse(updatedAt)));
        connectorTargetsHoldEachOnce(latest);
        // a repeat is a poll delivered again (the same record) or a batch the relay published again, whose data is read
        // when it is published: the later copy may carry a newer state, which a later event carries too
        System.out.printf("bus crash: %d events posted, %d again under an id already received, %d of those with newer"
                + " data%n", receiver.posts(), receiver.repeats(), receiver.conflicts());
    }

    /** Each person and each order once in HubSpot and Klaviyo, whatever the kill made the hub send again. */
    private void connectorTargetsHoldEachOnce(Map<String, JsonNode> orders) {
        Set<String> orderKeys = orders.values().stream()
                .map(o -> o.at("/data/connection").asText() + "/" + o.at("/data/externalId").asText()).collect(Collectors.toSet());
        Map<String, JsonNode> profiles = receiver.latestProfiles();
        Set<String> emails = profiles.values().stream().filter(p -> p.at("/data/email").isTextual())
                .map(p -> p.at("/data/email").asText().trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());

        // HubSpot holds one deal per mekong_order_key and one contact per email by itself: what counts is that no
        // deal lacks its key (a create outside the upsert) and that every order and person is there
        List<String> dealKeys = hubspot.snapshot().get("deals").findValuesAsText("mekong_order_key");
        assertThat(dealKeys).as("HubSpot: every deal has its order key").hasSize(hubspot.dealCount());
        assertThat(dealKeys).as("HubSpot: a deal per order").containsAll(orderKeys).doesNotHaveDuplicates();
        assertThat(hubspot.contactCount()).as("HubSpot: a contact per email").isEqualTo(emails.size());
        assertThat(emails).allSatisfy(email -> assertThat(hubspot.contactByEmail(email)).as(email).isNotNull());

        // Klaviyo keeps external_id unique and one event per unique_id: what counts is that every profile and every
        // order is there, and no profile besides (read one by one: the simulator's _state lists no profiles)
        assertThat(klaviyo.profileCount()).as("Klaviyo: a profile per Mekong profile").isEqualTo(profiles.size());
        long placed = 0;
        for (String profileId : profiles.keySet()) {
            JsonNode profile = klaviyo.profile("external_id", profileId);
            assertThat(profile).as("Klaviyo profile " + profileId).isNotNull();
            placed += klaviyo.eventMetrics(profile.get("id").asText()).stream().filter("Placed Order"::equals).count();
        }
        assertThat(placed).as("Klaviyo: a Placed Order per order").isEqualTo(orderKeys.size());
        System.out.printf("bus crash: HubSpot %d deals, %d contacts (%d deal upserts, %d contact upserts); Klaviyo %d"
                + " profiles, %d events%n", hubspot.dealCount(), hubspot.contactCount(),
                hubspot.calls().of("POST /crm/v3/objects/deals/batch/upsert"),
                hubspot.calls().of("POST /crm/v3/objects/contacts/batch/upsert"), klaviyo.profileCount(),
                klaviyo.eventCount());
    }

    private boolean demoSyncSucceeded() {
        for (JsonNode sync : hub.api("GET", "/api/syncs")) {
            if (sync.get("connection").asText().equals("demo-shopify")) {
                for (JsonNode run : hub.api("GET", "/api/syncs/" + sync.get("id").asLong() + "/runs")) {
                    if (run.get("status").asText().equals("succeeded")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void await(String what, BooleanSupplier done, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for: " + what).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    /** The merchant's endpoint: checks the signature with its own code, keeps every body by event id, a little slow. */
    private static final class Receiver {

        private final Map<String, String> bodies = new ConcurrentHashMap<>();
        private final Map<String, JsonNode> orders = new ConcurrentHashMap<>();
        private final Map<String, JsonNode> profiles = new ConcurrentHashMap<>();
        private final AtomicInteger posts = new AtomicInteger();
        private final AtomicInteger repeats = new AtomicInteger();
        private final AtomicInteger conflicts = new AtomicInteger();
        private HttpServer server;

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/events", exchange -> {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                String body = new String(raw, StandardCharsets.UTF_8);
                int status = signed(exchange.getRequestHeaders().getFirst("Mekong-Signature"), body) ? 200 : 401;
                if (status == 200) {
                    take(exchange.getRequestHeaders().getFirst("Mekong-Event-Id"), body);
                    sleep();
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
        }

        private void take(String id, String body) {
            posts.incrementAndGet();
            String earlier = bodies.putIfAbsent(id, body);
            if (earlier != null) {
                repeats.incrementAndGet();
                if (!earlier.equals(body)) {
                    conflicts.incrementAndGet();
                }
                return;
            }
            JsonNode event = HubProcess.read(body);
            if (event.get("type").asText().equals("io.mekong.order.changed")) {
                orders.merge(event.at("/data/externalId").asText(), event, Receiver::later);
            } else if (event.get("type").asText().equals("io.mekong.profile.changed")) {
                profiles.merge(event.at("/data/profileId").asText(), event, Receiver::later);
            }
        }

        private static JsonNode later(JsonNode a, JsonNode b) {
            return a.get("sequence").asLong() >= b.get("sequence").asLong() ? a : b;
        }

        private static boolean signed(String header, String body) {
            if (header == null) {
                return false;
            }
            Map<String, String> parts = new HashMap<>();
            for (String part : header.split(",")) {
                String[] kv = part.split("=", 2);
                parts.put(kv[0], kv[1]);
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((parts.get("t") + "." + body).getBytes(StandardCharsets.UTF_8));
                return java.security.MessageDigest.isEqual(java.util.HexFormat.of().formatHex(expected)
                        .getBytes(StandardCharsets.UTF_8), parts.getOrDefault("v1", "").getBytes(StandardCharsets.UTF_8));
            } catch (java.security.GeneralSecurityException e) {
                return false;
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int orders() {
            return orders.size();
        }

        Map<String, JsonNode> latestOrders() {
            return Map.copyOf(orders);
        }

        /** The latest event of each profile, by profile id. */
        Map<String, JsonNode> latestProfiles() {
            return Map.copyOf(profiles);
        }

        int posts() {
            return posts.get();
        }

        int repeats() {
            return repeats.get();
        }

        int conflicts() {
            return conflicts.get();
        }

        void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
