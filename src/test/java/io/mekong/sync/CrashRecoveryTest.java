package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
    private final Path dataDir = tempDir();
    private Process hub;
    private int port;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroy(); // SIGTERM: Spring stops the embedded PostgreSQL on the way out
            if (!hub.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void killedMidSyncResumesWithoutLossOrDuplicates() throws Exception {
        start("first");
        // kill once the first batch of orders is committed and the next ones are being read
        JsonNode firstRun = await(1, run -> stream(run, "orders").get("read").asInt() > 0);
        assertThat(firstRun.get("status").asText()).isEqualTo("running");

        hub.destroyForcibly().waitFor(); // kill -9: no shutdown hooks, PostgreSQL left orphaned

        start("second");
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

    private void start(String label) throws IOException, InterruptedException {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.mekong.MekongApplication",
                "--server.port=" + port,
                "--mekong.data-dir=" + dataDir,
                "--mekong.admin-password=" + PASSWORD,
                "--mekong.master-key=crash-test-passphrase",
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
                "--mekong.sandbox.shopify.shops[0].faults.latency-millis=30"));
        hub = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("hub-" + label + ".log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(hub.isAlive()).as("hub exited; see " + dataDir.resolve("hub-" + label + ".log")).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("hub did not become healthy within 3 minutes");
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
        HttpResponse<String> response = send(method, path);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return read(response.body());
    }

    private HttpResponse<String> send(String method, String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + basic)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
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
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path tempDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
