package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.Fixtures;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shopify deliveries over real HTTP: verified, stored once, refused with the right status and nothing stored. */
class WebhookApiTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_webhook_it_secret";
    private static final String ORDER = "{\"id\":450789469,\"admin_graphql_api_id\":\"gid://shopify/Order/450789469\","
            + "\"email\":\"bob.norman@mail.example.com\",\"updated_at\":\"2025-05-01T10:00:00-04:00\"}";
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connection() {
        if (jdbc.queryForObject("select count(*) from connection where id = 'wh-shop'", Integer.class) == 0) {
            call("POST", "/api/connections", Map.of("id", "wh-shop", "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()),
                    "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SECRET)), 201);
            call("POST", "/api/connections", Map.of("id", "wh-no-secret", "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        }
    }

    private HttpResponse<String> deliver(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Map<String, String> shopifyHeaders(String topic, String eventId, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Event-Id", eventId);
        headers.put("X-Shopify-Hmac-Sha256", signature);
        return headers;
    }

    private int inbox(String where) {
        return jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'wh-shop' and " + where, Integer.class);
    }

    @Test
    void aDeliverySentThreeTimesIsStoredOnce() throws Exception {
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = shopifyHeaders("orders/updated", "evt-three-times", sign(body, SECRET));

        assertThat(deliver("/webhooks/shopify/wh-shop", body, headers).body()).contains("\"accepted\"");
        assertThat(deliver("/webhooks/shopify/wh-shop", body, headers).body()).contains("\"duplicate\"");
        HttpResponse<String> third = deliver("/webhooks/shopify/wh-shop", body, headers);

        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(inbox("dedupe_key = 'event:evt-three-times'")).isEqualTo(1);
        JsonNode stored = JSON.readTree(jdbc.queryForObject("select body::text from webhook_inbox where dedupe_key = "
                + "'event:evt-three-times'", String.class));
        assertThat(stored.get("email").asText()).isEqualTo("bob.norman@mail.example.com");
        assertThat(jdbc.queryForMap("select topic, entity, status from webhook_inbox where dedupe_key = 'event:evt-three-times'"))
                .containsEntry("topic", "orders/updated").containsEntry("entity", "order").containsEntry("status", "pending");
    }

    @Test
    void forgedMissingAndUnverifiableSignaturesAre401AndStoreNothing() throws Exception {
        byte[] body = ORDER.replace("450789469", "1001").getBytes(StandardCharsets.UTF_8);
        int before = inbox("true");

        HttpResponse<String> forged = deliver("/webhooks/shopify/wh-shop", body,
                shopifyHeaders("orders/updated", "evt-forged", sign(body, "not-the-secret")));
        Map<String, String> unsigned = shopifyHeaders("orders/updated", "evt-unsigned", "x");
        unsigned.remove("X-Shopify-Hmac-Sha256");
        HttpResponse<String> missing = deliver("/webhooks/shopify/wh-shop", body, unsigned);
        HttpResponse<String> noSecret = deliver("/webhooks/shopify/wh-no-secret", body,
                shopifyHeaders("orders/updated", "evt-no-secret", sign(body, SECRET)));

        HttpResponse<String> unknown = deliver("/webhooks/shopify/no-such-connection", body,
                shopifyHeaders("orders/updated", "evt-unknown", sign(body, SECRET)));
        HttpResponse<String> wrongConnector = deliver("/webhooks/stripe/wh-shop", body,
                shopifyHeaders("orders/updated", "evt-wrong-connector", sign(body, SECRET)));

        // one answer for all: a caller learns nothing of which connections exist or hold a secret
        for (HttpResponse<String> refused : List.of(forged, missing, noSecret, unknown, wrongConnector)) {
            assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(forged.body()).contains("\"error\":\"invalid signature\"")
                    .doesNotContain(SECRET);
        }
        assertThat(inbox("true")).isEqualTo(before);
    }

    @Test
    void bothUrlFormsDeliverToTheConnectionOfTheRightWorkspace() throws Exception {
        for (String workspace : List.of("wh-ws-a", "wh-ws-b")) {
            jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", workspace, workspace);
        }
        JsonNode a = call("POST", "/api/connections", Map.of("id", "wh-both", "workspace", "wh-ws-a", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", "secret-of-a")), 201);
        JsonNode b = call("POST", "/api/connections", Map.of("id", "wh-both", "workspace", "wh-ws-b", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", "secret-of-b")), 201);
        String globalA = globalId("wh-ws-a", "wh-both");
        String globalB = globalId("wh-ws-b", "wh-both");
        assertThat(globalA).as("the first to pick an id keeps it as its global id").isEqualTo("wh-both");
        assertThat(globalB).startsWith("wh-both-").isNotEqualTo(globalA);
        assertThat(a.get("webhookUrl").asText()).isEqualTo("http://localhost:" + port + "/webhooks/shopify/wh-ws-a/wh-both");
        assertThat(b.get("webhookUrl").asText()).isEqualTo("http://localhost:" + port + "/webhooks/shopify/wh-ws-b/wh-both");

        Map<String, String> deliveries = Map.of(
                URI.create(a.get("webhookUrl").asText()).getPath(), "secret-of-a",
                URI.create(b.get("webhookUrl").asText()).getPath(), "secret-of-b",
                "/webhooks/shopify/" + globalA, "secret-of-a", // the form every existing URL has keeps working
                "/webhooks/shopify/" + globalB, "secret-of-b");
        int minute = 0;
        for (Map.Entry<String, String> delivery : deliveries.entrySet()) {
            // a body of its own for each: Shopify deliveries of one body within the replay window are duplicates
            byte[] body = ORDER.replace("10:00:00", "10:0" + minute++ + ":00").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = deliver(delivery.getKey(), body,
                    shopifyHeaders("orders/updated", "evt-both-" + delivery.getKey(), sign(body, delivery.getValue())));
            assertThat(answer.statusCode()).as(delivery.getKey() + " -> " + answer.body()).isEqualTo(200);
            String expected = delivery.getValue().equals("secret-of-a") ? globalA : globalB;
            assertThat(jdbc.queryForMap("select connection_id, workspace_id from webhook_inbox where dedupe_key = ?",
                    "event:evt-both-" + delivery.getKey()))
                    .containsEntry("connection_id", expected)
                    .containsEntry("workspace_id", expected.equals(globalA) ? "wh-ws-a" : "wh-ws-b");
        }

        // another workspace's secret, an unknown workspace or id: all answered as a bad signature, nothing stored
        int before = jdbc.queryForObject("select count(*) from webhook_inbox", Integer.class);
        byte[] body = ORDER.replace("10:00:00", "11:00:00").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> forged = deliver("/webhooks/shopify/wh-ws-b/wh-both", body,
                shopifyHeaders("orders/updated", "evt-both-forged", sign(body, "secret-of-a")));
        for (String path : List.of("/webhooks/shopify/wh-ws-c/wh-both", "/webhooks/shopify/wh-ws-b/wh-none",
                "/webhooks/stripe/wh-ws-b/wh-both", "/webhooks/shopify/wh-none")) {
            HttpResponse<String> refused = deliver(path, body,
                    shopifyHeaders("orders/updated", "evt-both-refused", sign(body, "secret-of-b")));
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).as(path).isEqualTo(forged.body());
        }
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Integer.class)).isEqualTo(before);
    }

    private String globalId(String workspace, String apiId) {
        return jdbc.queryForObject("select id from connection where workspace_id = ? and api_id = ?", String.class,
                workspace, apiId);
    }

    @Test
    void badAddressesMalformedBodiesAndHugeBodiesGetClearAnswers() throws Exception {
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);
        String signature = sign(body, SECRET);
        assertThat(deliver("/webhooks/shopify/no-such-connection", body, shopifyHeaders("orders/updated", "e1", signature))
                .statusCode()).as("answered as a bad signature").isEqualTo(401);
        assertThat(deliver("/webhooks/stripe/wh-shop", body, shopifyHeaders("orders/updated", "e2", signature))
                .statusCode()).as("a connection is addressed under its own connector").isEqualTo(401);

        byte[] broken = "{\"id\": 1, ".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> malformed = deliver("/webhooks/shopify/wh-shop", broken,
                shopifyHeaders("orders/updated", "e3", sign(broken, SECRET)));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("the body is not JSON");

        // signed, so from the sender: still, PostgreSQL stores no jsonb with a NUL, and a 401 would send it looking elsewhere
        byte[] nul = "{\"id\": 1, \"note\": \"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unstorable = deliver("/webhooks/shopify/wh-shop", nul,
                shopifyHeaders("orders/updated", "e5", sign(nul, SECRET)));
        assertThat(unstorable.statusCode()).isEqualTo(400);
        assertThat(unstorable.body()).contains("NUL").contains("/note");

        byte[] huge = ("{\"note\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("/webhooks/shopify/wh-shop", huge, shopifyHeaders("orders/updated", "e4", sign(huge, SECRET)))
                .statusCode()).isEqualTo(413);
        assertThat(inbox("dedupe_key in ('event:e1', 'event:e2', 'event:e3', 'event:e4', 'event:e5')")).isZero();
    }

    @Test
    void privacyTopicsAreRecordedAndUnsubscribedTopicsKeptAsIgnored() throws Exception {
        byte[] redact = Files.readAllBytes(Fixtures.vendor("shopify").resolve("compliance/customers_redact.json"));
        assertThat(deliver("/webhooks/shopify/wh-shop", redact, shopifyHeaders("customers/redact", "evt-redact",
                sign(redact, SECRET))).statusCode()).isEqualTo(200);
        byte[] other = "{\"id\":5}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("/webhooks/shopify/wh-shop", other, shopifyHeaders("themes/publish", "evt-theme",
                sign(other, SECRET))).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForMap("select entity, status from webhook_inbox where dedupe_key = 'event:evt-redact'"))
                .containsEntry("entity", "privacy").containsEntry("status", "pending");
        assertThat(jdbc.queryForObject("select status from webhook_inbox where dedupe_key = 'event:evt-theme'", String.class))
                .isEqualTo("ignored");
    }
}
