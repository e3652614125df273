package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.MekongApplication;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.testing.RestartablePostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fault suite: the hub's PostgreSQL stopped and started again (same data, same port) under a running sync and under a
 * burst of webhook deliveries. The hub runs in this JVM on a PostgreSQL of the test's own; loopback only. Waits are
 * bounded and wait for states, never for a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "restart-admin";
    private static final String SHOP = "restart-vn.myshopify.com";
    private static final String TOKEN = "shpat_restart_vn_0000";
    private static final String WEBHOOK_SECRET = "shpss_restart_webhooks";
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RestartablePostgres postgres;
    private ConfigurableApplicationContext hub;
    private JdbcTemplate jdbc;
    private int port;

    @BeforeAll
    void start() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "db-restart-");
        postgres = new RestartablePostgres(dir.resolve("postgres"));
        hub = new SpringApplicationBuilder(MekongApplication.class)
                .properties(Map.of("MEKONG_DB_URL", postgres.jdbcUrl(), "MEKONG_DB_USER", "postgres"))
                .run("--server.port=0", "--mekong.data-dir=" + dir.resolve("data"), "--mekong.admin-password=" + PASSWORD,
                        "--mekong.master-key=restart-test-passphrase", "--mekong.demo.enabled=false",
                        "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                        // a Quartz scheduler name of its own: see ScaleOutTest
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=db-restart-test",
                        // while the database is away a connection is refused within a second, not Hikari's 30 s
                        "--spring.datasource.hikari.connection-timeout=1000",
                        "--spring.datasource.hikari.validation-timeout=500",
                        "--mekong.sync.sweep-every=PT1S",
                        "--mekong.webhooks.process-every=200ms", "--mekong.webhooks.claim-lease=PT3S",
                        "--mekong.sandbox.enabled=true",
                        "--mekong.sandbox.shopify.shops[0].domain=" + SHOP,
                        "--mekong.sandbox.shopify.shops[0].currency=VND",
                        "--mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
                        "--mekong.sandbox.shopify.shops[0].access-token=" + TOKEN,
                        "--mekong.sandbox.shopify.shops[0].plan=enterprise",
                        "--mekong.sandbox.shopify.shops[0].customers=1500",
                        "--mekong.sandbox.shopify.shops[0].orders=300",
                        "--mekong.sandbox.shopify.shops[0].products=10",
                        "--mekong.sandbox.shopify.shops[0].faults.latency-millis=10");
        jdbc = hub.getBean(JdbcTemplate.class);
        port = ((WebServerApplicationContext) hub).getWebServer().getPort();
    }

    @AfterAll
    void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void syncsCutByDatabaseRestartsEndAndTheNextRunLeavesTheStoreEqualToTheSource() throws Exception {
        api("POST", "/api/connections", Map.of("id", "restart-sync", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", "http://localhost:" + port + "/sandbox/shopify/" + SHOP),
                "secrets", Map.of("accessToken", TOKEN)), 201);
        long sync = api("POST", "/api/syncs", Map.of("connection", "restart-sync", "streams", List.of("customers")), 201)
                .get("id").asLong();
        RunFinisher finisher = hub.getBean(RunFinisher.class);
        ShopifyShop shop = hub.getBean(ShopifySimulator.class).shop(SHOP);
        List<String> ends = new ArrayList<>();
        // the first cut lands after the run committed a batch, the second before it read anything
        for (boolean afterABatch : List.of(true, false)) {
            CountDownLatch thaw = afterABatch ? null : freeze(shop);
            long runId = api("POST", "/api/syncs/" + sync + "/run", null, 202).get("runId").asLong();
            await("run " + runId + " under way", () -> jdbc.queryForObject("select count(*) from sync_run r join"
                    + " sync_run_stream s on s.run_id = r.id where r.id = ? and r.status = 'running' and s.batches >= ?",
                    Integer.class, runId, afterABatch ? 1 : 0) == 1);
            if (thaw == null) {
                // holds the run where it is: 15 pages of 100 customers, at most two batches of 3 pages read by now
                thaw = freeze(shop);
            }
            postgres.stop();
            thaw.countDown();
            await("run " + runId + " to give up on the database", () -> finisher.waiting() > 0);
            postgres.start();
            JsonNode ended = awaitEnd(runId);
            ends.add(ended.get("status").asText() + " after " + ended.at("/streams/0/batches").asInt() + " batches: "
                    + ended.path("error").asText());
            assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("failed");
        }

        JsonNode last = awaitEnd(api("POST", "/api/syncs/" + sync + "/run", null, 202).get("runId").asLong());
        assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("succeeded");
        assertThat(jdbc.queryForList("select id from sync_run where status in ('queued', 'running')", Long.class))
                .as("no run hangs").isEmpty();
        Map<String, Instant> source = shop.read(() -> shop.customers().stream()
                .collect(Collectors.toMap(c -> Long.toString(c.id), c -> c.updatedAt.toInstant())));
        Map<String, Instant> stored = new java.util.HashMap<>();
        jdbc.query("select external_id, source_updated_at from customer where connection_id = 'restart-sync'",
                rs -> {
                    assertThat(stored.put(rs.getString(1), rs.getTimestamp(2).toInstant())).as("duplicate").isNull();
                });
        assertThat(stored).isEqualTo(source);
        System.out.printf("DatabaseRestartTest: %d restarts under a running sync of %d customers; runs ended %s;"
                + " the next run %s, store equal to the source%n", ends.size(), source.size(), ends,
                last.get("status").asText());
    }

    @Test
    void aRunOfAnInstanceThatIsGoneIsEndedWhileTheHubRuns() {
        api("POST", "/api/connections", Map.of("id", "restart-orphan", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", "http://localhost:" + port + "/sandbox/shopify/" + SHOP),
                "secrets", Map.of("accessToken", TOKEN)), 201);
        long sync = api("POST", "/api/syncs", Map.of("connection", "restart-orphan", "streams", List.of("products")), 201)
                .get("id").asLong();
        // a run left behind by an instance that died after this hub started: no start-up recovery will see it
        long orphan = jdbc.queryForObject("""
                insert into sync_run (job_id, workspace_id, connection_id, trigger, status, owner, started_at)
                select id, workspace_id, connection_id, 'schedule', 'running', 'an-instance-that-died', now()
                from sync_job where id = ? returning id""", Long.class, sync);

        JsonNode ended = awaitEnd(orphan);

        assertThat(ended.get("status").asText()).isEqualTo("interrupted");
        assertThat(ended.get("error").asText()).isEqualTo(RunSweep.ORPHANED);
        assertThat(awaitEnd(api("POST", "/api/syncs/" + sync + "/run", null, 202).get("runId").asLong())
                .get("status").asText()).as("the sync runs again").isEqualTo("succeeded");
    }

    /**
     * Holds the simulated shop's write lock until the returned latch is counted down: every request to the shop waits,
     * so a run is held where it is while the database goes away.
     */
    private static CountDownLatch freeze(ShopifyShop shop) throws InterruptedException {
        CountDownLatch frozen = new CountDownLatch(1);
        CountDownLatch thaw = new CountDownLatch(1);
        long anyCustomer = shop.read(() -> shop.customers().iterator().next().id);
        Thread holder = new Thread(() -> shop.updateCustomer(anyCustomer, customer -> {
            frozen.countDown();
            try {
                thaw.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "shop-freeze");
        holder.setDaemon(true);
        holder.start();
        frozen.await();
        return thaw;
    }

    @Test
    void aWebhookBurstAcrossADatabaseRestartGets503sAndLosesNothingAcknowledged() throws Exception {
        api("POST", "/api/connections", Map.of("id", "restart-hooks", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", "http://localhost:" + port + "/sandbox/shopify/" + SHOP),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", WEBHOOK_SECRET)), 201);
        ShopifyShop shop = hub.getBean(ShopifySimulator.class).shop(SHOP);
        List<Long> orders = shop.read(() -> shop.orders().stream().map(o -> o.id).limit(300).toList());
        ConcurrentLinkedQueue<Long> toSend = new ConcurrentLinkedQueue<>(orders);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                senders.execute(() -> {
                    Long order;
                    while ((order = toSend.poll()) != null) {
                        HttpResponse<String> answer = deliver(order);
                        if (answer.statusCode() == 200) {
                            acknowledged.add(order);
                        } else if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()
                                && !answer.body().contains("Exception")) {
                            unavailable.incrementAndGet();
                            toSend.add(order); // a sender retries what was not acknowledged
                            pause(50);
                        } else {
                            unexpected.add(answer.statusCode() + " " + answer.body());
                        }
                    }
                });
            }
            await("a third of the burst acknowledged", () -> acknowledged.size() >= orders.size() / 3);
            postgres.stop();
            await("deliveries refused while the database is away", () -> unavailable.get() >= 5);
            postgres.start();
            senders.shutdown();
            assertThat(senders.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)).as("every delivery answered").isTrue();
        } finally {
            senders.shutdownNow();
        }

        assertThat(unexpected).as("only 200, or 503 with Retry-After").isEmpty();
        assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(orders);
        await(() -> "every acknowledged delivery processed; still waiting: " + unprocessed() + "; sessions: "
                        + sessions() + "; deadlocked threads: " + deadlocked() + "; " + stacks("webhook"),
                () -> jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'restart-hooks'"
                        + " and status <> 'processed'", Integer.class) == 0);
        List<String> stored = jdbc.queryForList(
                "select external_id from sales_order where connection_id = 'restart-hooks'", String.class);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(orders.stream().map(String::valueOf).toList());
        System.out.printf("DatabaseRestartTest: %d deliveries, 1 restart: %d answered 503 and sent again, %d acknowledged,"
                + " %d processed, %d lost%n", orders.size(), unavailable.get(), acknowledged.size(), stored.size(),
                orders.size() - stored.size());
    }

    private HttpResponse<String> deliver(long orderId) {
        byte[] body = ("{\"id\":" + orderId + ",\"admin_graphql_api_id\":\"gid://shopify/Order/" + orderId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/shopify/restart-hooks"))
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", "orders/updated")
                    .header("X-Shopify-Event-Id", "restart-" + orderId)
                    .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitEnd(long runId) {
        JsonNode[] run = new JsonNode[1];
        await("run " + runId + " to end", () -> {
            HttpResponse<String> answer = send("GET", "/api/runs/" + runId, null);
            if (answer.statusCode() != 200) {
                return false; // the hub is still finding its database again
            }
            run[0] = read(answer.body());
            return !run[0].get("status").asText().matches("queued|running");
        });
        return run[0];
    }

    private JsonNode api(String method, String path, Object body, int expected) {
        HttpResponse<String> answer = send(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + " " + answer.body()).isEqualTo(expected);
        return read(answer.body());
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        try {
            String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier done) {
        await(() -> what, done);
    }

    /** @param what read only when the wait fails: it may say what is still missing */
    private static void await(Supplier<String> what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(BOUND);
        while (!done.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("waited " + BOUND + " for " + what.get());
            }
            pause(50);
        }
    }

    /** The deliveries not yet processed, grouped by where they stand (a stalled wait names them). */
    private String unprocessed() {
        return jdbc.queryForList("""
                select status, attempts, next_attempt_at > now() as put_off, left(error, 120) as error, count(*) as n
                  from webhook_inbox where connection_id = 'restart-hooks' and status <> 'processed'
                 group by 1, 2, 3, 4""").toString();
    }

    /** The database's other sessions: a flow blocked on a lock or an open transaction shows here. */
    private String sessions() {
        return jdbc.queryForList("""
                select pid, state, wait_event_type, wait_event, now() - xact_start as in_transaction_for,
                       left(query, 100) as query
                  from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()""").toString();
    }

    /** Threads of this JVM deadlocked on monitors or java.util.concurrent locks, by name. */
    private static String deadlocked() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ids = threads.findDeadlockedThreads();
        return ids == null ? "none" : java.util.Arrays.stream(threads.getThreadInfo(ids))
                .map(info -> info.getThreadName() + " waits for " + info.getLockName() + " held by " + info.getLockOwnerName())
                .toList().toString();
    }

    /** The stacks of the hub's threads whose name holds {@code part}: where a stalled flow waits. */
    private static String stacks(String part) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().contains(part)) {
                out.append("\n").append(thread.getName()).append(" ").append(thread.getState());
                for (StackTraceElement frame : java.util.Arrays.copyOf(frames, Math.min(frames.length, 40))) {
                    out.append("\n    at ").append(frame);
                }
            }
        });
        return out.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
