package io.mekong.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.magento.MagentoSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.webhook.WebhookComponent;
import io.mekong.sandbox.shopify.ShopifySimulator;
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
import java.util.Base64;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub in one JVM, as the default run has it: embedded PostgreSQL, Camel with the project's routes/,
 * connectors/ and mappings/, the simulators (turned on here: they are off unless asked for) served over real HTTP
 * on the same port, the REST API behind Spring Security. One small VND shop instead of the demo shops; no demo bootstrap (tests create what they need
 * through the API). Every subclass shares this configuration, so Spring starts the context once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mekong.admin-password=" + HubIntegrationTest.ADMIN_PASSWORD,
    "mekong.master-key=hub-integration-test-passphrase",
    // the simulators are off unless asked for (the packaged jar has none); these tests sync against them
    "mekong.sandbox.enabled=true",
    "mekong.demo.enabled=false",
    // tests process the webhook inbox themselves (processWebhooks()), when they choose
    "mekong.webhooks.process-every=1h",
    "mekong.checkouts.scan-every=1h",
    // Spring Boot's test support turns JMX off; Hawtio's MBeans are part of what these tests check
    "spring.jmx.enabled=true",
    // webhook endpoints for destination tests, one per test so that their counts stay their own
    "mekong.sandbox.hooks.receivers=merchant,zapier,n8n,it-one,it-two,it-three,it-four,it-five",
    "mekong.sandbox.shopify.shops[0].domain=" + HubIntegrationTest.SHOP,
    "mekong.sandbox.shopify.shops[0].name=Cửa hàng Kiểm thử",
    "mekong.sandbox.shopify.shops[0].currency=VND",
    "mekong.sandbox.shopify.shops[0].timezone=Asia/Ho_Chi_Minh",
    "mekong.sandbox.shopify.shops[0].access-token=" + HubIntegrationTest.TOKEN,
    "mekong.sandbox.shopify.shops[0].plan=enterprise",
    "mekong.sandbox.shopify.shops[0].customers=60",
    "mekong.sandbox.shopify.shops[0].orders=150",
    "mekong.sandbox.shopify.shops[0].products=20",
    // a second shop that answers every 5th request with 503 and every 7th with 429 + Retry-After
    "mekong.sandbox.shopify.shops[1].domain=" + HubIntegrationTest.FAULTY_SHOP,
    "mekong.sandbox.shopify.shops[1].currency=USD",
    "mekong.sandbox.shopify.shops[1].timezone=America/New_York",
    "mekong.sandbox.shopify.shops[1].access-token=" + HubIntegrationTest.TOKEN,
    "mekong.sandbox.shopify.shops[1].plan=enterprise",
    "mekong.sandbox.shopify.shops[1].customers=20",
    "mekong.sandbox.shopify.shops[1].orders=60",
    "mekong.sandbox.shopify.shops[1].products=10",
    "mekong.sandbox.shopify.shops[1].faults.fail-every-nth=5",
    "mekong.sandbox.shopify.shops[1].faults.throttle-every-nth=7",
    "mekong.sandbox.shopify.shops[1].faults.retry-after-seconds=0.2"})
@AutoConfigureObservability(tracing = false)
public abstract class HubIntegrationTest {

    public static final String ADMIN_PASSWORD = "hub-it-admin";
    public static final String SHOP = "it-vn.myshopify.com";
    public static final String FAULTY_SHOP = "it-faulty.myshopify.com";
    public static final String TOKEN = "shpat_it_vn_0123456789";
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA_DIR = tempDataDir();

    @LocalServerPort
    protected int port;
    @Autowired
    protected ProducerTemplate camel;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ShopifySimulator simulator;
    @Autowired
    protected MagentoSimulator magento;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mekong.data-dir", DATA_DIR::toString);
    }

    protected ShopifyShop shop() {
        return simulator.shop(SHOP);
    }

    protected String shopBaseUrl() {
        return "http://localhost:" + port + "/sandbox/shopify/" + SHOP;
    }

    /** Creates a Shopify connection to the test shop (with {@code token}) and a sync job of all three streams. */
    protected long connectionWithSync(String connectionId, String token) {
        return connectionWithSync(connectionId, SHOP, "VND", token);
    }

    protected long connectionWithSync(String connectionId, String shop, String currency, String token) {
        return connectionWithSync(AdminBootstrap.DEFAULT_WORKSPACE, connectionId, shop, currency, token);
    }

    /**
     * In a workspace of its own ({@code workspace}, created if new): for a test whose merges and unmerges of the shared
     * shop's people must not meet the other tests' identities.
     */
    protected long connectionWithSync(String workspace, String connectionId, String shop, String currency, String token) {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", workspace, workspace);
        JsonNode created = call("POST", "/api/connections", Map.of("id", connectionId, "workspace", workspace,
                "connector", "shopify",
                "params", Map.of("shop", shop, "baseUrl", "http://localhost:" + port + "/sandbox/shopify/" + shop,
                        "currency", currency),
                "secrets", Map.of("accessToken", token)), 201);
        assertThat(created.get("id").asText()).isEqualTo(connectionId);
        JsonNode sync = call("POST", "/api/syncs", Map.of("connection", connectionId,
                "workspace", workspace, "streams", java.util.List.of("customers", "orders", "products")), 201);
        return sync.get("id").asLong();
    }

    /** Starts a run through the API and waits for it to end; returns the finished run. */
    protected JsonNode runToEnd(long syncId) {
        return awaitRun(call("POST", "/api/syncs/" + syncId + "/run", null, 202).get("runId").asLong());
    }

    /** Waits for a run to end (3 minutes at most) and returns it as the API shows it. */
    protected JsonNode awaitRun(long runId) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = call("GET", "/api/runs/" + runId, null, 200);
            if (!run.get("status").asText().matches("queued|running")) {
                return run;
            }
            sleep(200);
        }
        throw new AssertionError("run " + runId + " did not end within 3 minutes");
    }

    protected static JsonNode stream(JsonNode run, String name) {
        for (JsonNode stream : run.get("streams")) {
            if (stream.get("stream").asText().equals(name)) {
                return stream;
            }
        }
        throw new AssertionError("run has no stream " + name + ": " + run);
    }

    /** An API call as admin; asserts the status and returns the JSON body (null when empty). */
    protected JsonNode call(String method, String path, Object body, int expectedStatus) {
        HttpResponse<String> response = send(method, path, body, "admin", ADMIN_PASSWORD);
        assertThat(response.statusCode()).as("%s %s -> %s", method, path, response.body()).isEqualTo(expectedStatus);
        try {
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> send(String method, String path, Object body, String user, String password) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (user != null) {
                String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                request.header("Authorization", "Basic " + basic);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "hub-it-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Processes the webhook inbox now through the {@code process-webhooks} route, as its timer does. @return deliveries claimed */
    protected int processWebhooks() {
        Exchange done = camel.send("direct:process-webhooks", exchange -> { });
        if (done.getException() != null) {
            throw new IllegalStateException("the process-webhooks route failed", done.getException());
        }
        return done.getMessage().getHeader(WebhookComponent.CLAIMED, 0, Integer.class);
    }

    /** A connection to the shared context's simulated Magento store, with its integration's credentials. */
    protected void magentoConnection(String id, Map<String, Object> params) {
        magentoConnection(AdminBootstrap.DEFAULT_WORKSPACE, id, params);
    }

    /** The same, in {@code workspace} (which must exist). */
    protected void magentoConnection(String workspace, String id, Map<String, Object> params) {
        MagentoStore.Integration integration = magento.store("default").integration();
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put("baseUrl", "http://localhost:" + port + MagentoSandboxConfiguration.MOUNT);
        all.put("consumerKey", integration.consumerKey());
        call("POST", "/api/connections", Map.of("id", id, "workspace", workspace, "connector", "magento", "params", all,
                "secrets", Map.of("consumerSecret", integration.consumerSecret(), "accessToken", integration.accessToken(),
                        "accessTokenSecret", integration.accessTokenSecret())), 201);
    }
}
