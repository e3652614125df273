package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.testing.HubProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub as its own process, killed with SIGKILL in the middle of a sync and started again on the same data:
 * the store must end equal to the source, without duplicates, and the killed run must be marked interrupted.
 */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "crash-test-admin";
    private static final String SHOP = "crash-vn.myshopify.com";
    private static final String TOKEN = "shpat_crash_vn_0000";

    private final HttpClient http = HttpClient.newHttpClient();
    private final HubProcess hub = new HubProcess("crash-test", PASSWORD, List.of(
            // the simulated shop and its demo connection, as ./mvnw spring-boot:run has them
            "--mekong.sandbox.enabled=true",
            "--mekong.sandbox.shopify.shops[0].domain=" + SHOP,
            "--mekong.sandbox.shopify.shops[0].currency=VND",
            "--mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
            "--mekong.sandbox.shopify.shops[0].access-token=" + TOKEN,
            "--mekong.sandbox.shopify.shops[0].plan=enterprise",
            "--mekong.sandbox.shopify.shops[0].customers=30",
            "--mekong.sandbox.shopify.shops[0].orders=900",
            "--mekong.sandbox.shopify.shops[0].products=10",
            // each simulated request takes a while, so the kill lands mid-sync
            "--mekong.sandbox.shopify.shops[0].faults.latency-millis=30"), Map.of());

    @AfterEach
    void stopHub() throws InterruptedException {
        hub.stop();
    }

    @Test
    void killedMidSyncResumesWithoutLossOrDuplicates() throws Exception {
        hub.start("first");
        // kill once the first batch of orders is committed and the next ones are being read
        JsonNode firstRun = await(1, run -> stream(run, "orders").get("read").asInt() > 0);
        assertThat(firstRun.get("status").asText()).isEqualTo("running");

        hub.kill(); // kill -9: no shutdown hooks, PostgreSQL left orphaned

        hub.start("second");
        JsonNode interrupted = api("GET", "/api/runs/" + firstRun.get("id").asLong());
        assertThat(interrupted.get("status").asText()).isEqualTo("interrupted");
        JsonNode resumed = await(2, run -> !run.get("status").asText().matches("queued|running"));
        assertThat(resumed.get("status").asText()).as(resumed.toString()).isEqualTo("succeeded");

        Map<String, JsonNode> source = sourceOrders();
        Map<String, JsonNode> stored = storedOrders();
        assertThat(stored.keySet()).isEqualTo(source.keySet());
        source.forEach((id, order) -> {
            JsonNode mine = stored.get(id);
            assertThat(mine.at("/amounts/total").asText()).as(id)
                    .isEqualTo(new java.math.BigDecimal(order.at("/totalPriceSet/shopMoney/amount").asText()).toBigInteger().toString());
            assertThat(Instant.parse(mine.get("sourceUpdatedAt").asText()))
                    .isEqualTo(java.time.OffsetDateTime.parse(order.get("updatedAt").asText()).toInstant());
        });
    }

    /** The {@code nth} run (1 = the first ever) of the demo Shopify sync, once {@code done} holds for it. */
    private JsonNode await(int nth, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> syncs = send("GET", "/api/syncs");
            if (syncs.statusCode() == 200) {
                for (JsonNode sync : read(syncs.body())) {
                    if (!sync.get("connection").asText().equals("demo-shopify")) {
                        continue;
                    }
                    JsonNode runs = read(send("GET", "/api/syncs/" + sync.get("id").asLong() + "/runs").body());
                    List<JsonNode> oldestFirst = new ArrayList<>();
                    runs.forEach(oldestFirst::add);
                    oldestFirst.sort(java.util.Comparator.comparingLong(r -> r.get("id").asLong()));
                    if (oldestFirst.size() >= nth && done.test(oldestFirst.get(nth - 1))) {
                        return oldestFirst.get(nth - 1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + nth + " of demo-shopify did not reach the expected state");
    }

    /** Every order the simulator serves, read through its GraphQL API like the connector does. */
    private Map<String, JsonNode> sourceOrders() throws Exception {
        Map<String, JsonNode> orders = new HashMap<>();
        String after = null;
        do {
            String body = JSON.writeValueAsString(Map.of("query",
                    "query($after: String) { orders(first: 100, after: $after) { pageInfo { hasNextPage endCursor }"
                            + " nodes { legacyResourceId updatedAt totalPriceSet { shopMoney { amount } } } } }",
                    "variables", after == null ? Map.of() : Map.of("after", after)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            uri("/sandbox/shopify/" + SHOP + "/admin/api/2025-10/graphql.json"))
                    .header("X-Shopify-Access-Token", TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode page = read(response.body());
            if (page.has("errors")) {
                Thread.sleep(1000); // throttled: wait for the bucket
                continue;
            }
            page.at("/data/orders/nodes").forEach(o -> orders.put(o.get("legacyResourceId").asText(), o));
            after = page.at("/data/orders/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/data/orders/pageInfo/endCursor").asText() : null;
        } while (after != null);
        return orders;
    }

    /** Every stored order of the demo connection; a duplicate key would fail the test. */
    private Map<String, JsonNode> storedOrders() {
        Map<String, JsonNode> orders = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = api("GET", "/api/orders?connection=demo-shopify&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(o -> assertThat(orders.put(o.get("externalId").asText(), o))
                    .as("duplicate " + o.get("externalId")).isNull());
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return orders;
    }

    private JsonNode api(String method, String path) {
        return hub.api(method, path);
    }

    private HttpResponse<String> send(String method, String path) {
        return hub.send(method, path, null);
    }

    private URI uri(String path) {
        return hub.uri(path);
    }

    private static JsonNode stream(JsonNode run, String name) {
        for (JsonNode stream : run.get("streams")) {
            if (stream.get("stream").asText().equals(name)) {
                return stream;
            }
        }
        throw new AssertionError("no stream " + name);
    }

    private static JsonNode read(String body) {
        return HubProcess.read(body);
    }
}
