package io.mekong.sandbox.lazada;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.auth.Hmac;
import io.mekong.connector.auth.LazadaAuthenticator;
import io.mekong.connector.http.HttpCall;
import io.mekong.testing.Fixtures;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HexFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lazada inside the whole hub: a connection to the simulator mounted at /sandbox/lazada syncs every order into the
 * canonical store, and Lazada's own push samples, signed with the app secret, are accepted by the webhook endpoint,
 * as are the simulated app's own pushes.
 */
class LazadaHubTest extends HubIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    private LazadaSimulator lazada;
    @Autowired
    private LazadaPushSender pushes;

    private void connection(String id) {
        if (jdbc.queryForObject("select count(*) from connection where id = ?", Integer.class, id) == 0) {
            call("POST", "/api/connections", Map.of("id", id, "connector", "lazada",
                    "params", Map.of("appKey", LazadaSandboxConfiguration.DEMO_APP.appKey(),
                            "baseUrl", "http://localhost:" + port + LazadaSandboxConfiguration.GATEWAY,
                            "authBaseUrl", "http://localhost:" + port + LazadaSandboxConfiguration.AUTH_HOST),
                    "secrets", Map.of("appSecret", LazadaSandboxConfiguration.DEMO_APP.appSecret(),
                            "accessToken", LazadaSandboxConfiguration.DEMO_ACCESS_TOKEN,
                            "refreshToken", LazadaSandboxConfiguration.DEMO_REFRESH_TOKEN)), 201);
        }
    }

    @Test
    void aSyncThroughTheMountedSimulatorStoresEveryOrderOnce() {
        connection("lz-sync");
        long sync = call("POST", "/api/syncs", Map.of("connection", "lz-sync", "streams", List.of("orders")), 201)
                .get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        JsonNode orders = stream(run, "orders");
        assertThat(orders.get("read").asInt()).isEqualTo(LazadaSandboxConfiguration.ORDERS);
        assertThat(orders.get("inserted").asInt()).isEqualTo(LazadaSandboxConfiguration.ORDERS);
        assertThat(orders.get("rejected").asInt()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = 'lz-sync' and status = 'cancelled'",
                Integer.class)).isPositive();
        String firstId = lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID).orderIds().get(0);
        JsonNode first = call("GET", "/api/orders/lz-sync/" + firstId, null, 200);
        assertThat(first.get("currency").asText()).isEqualTo("VND");
        assertThat(first.get("lines").size()).isPositive();
        assertThat(first.path("phone").isNull() || first.path("phone").isMissingNode()).as("masked phones stay out").isTrue();
    }

    @Test
    void theMountedAuthHostReadsASignedFormPost() throws Exception {
        String auth = "http://localhost:" + port + LazadaSandboxConfiguration.AUTH_HOST;
        URI signed = new LazadaAuthenticator(LazadaSandboxConfiguration.DEMO_APP.appKey(),
                LazadaSandboxConfiguration.DEMO_APP.appSecret(), null, LazadaSandboxConfiguration.AUTH_HOST, Clock.systemUTC())
                .authenticate(new HttpCall("POST", URI.create(auth + "/auth/token/refresh?refresh_token=50001not-issued"),
                        Map.of(), null, Set.of())).uri();

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(auth + "/auth/token/refresh"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(signed.getRawQuery())).build(), HttpResponse.BodyHandlers.ofString());

        // signed parameters found in the body, and a refresh token the seller never had refused (none is spent)
        assertThat(JSON.readTree(answer.body()).get("code").asText()).as(answer.body()).isEqualTo("IllegalRefreshToken");
    }

    @Test
    void lazadasPushSamplesAreAcceptedWhenSignedAndRefusedWhenNot() throws Exception {
        connection("lz-push");
        for (String sample : List.of("push_trade_order.json", "push_reverse_order.json")) {
            byte[] body = Files.readAllBytes(Fixtures.vendor("lazada").resolve(sample));

            HttpResponse<String> accepted = deliver(body, sign(body, LazadaSandboxConfiguration.DEMO_APP.appSecret()));
            HttpResponse<String> again = deliver(body, sign(body, LazadaSandboxConfiguration.DEMO_APP.appSecret()));
            HttpResponse<String> forged = deliver(body, sign(body, "not-the-app-secret"));

            assertThat(accepted.statusCode()).as(sample + ": " + accepted.body()).isEqualTo(200);
            assertThat(JSON.readTree(accepted.body()).get("topic").asText()).isEqualTo("0");
            assertThat(again.body()).as("the same delivery again").contains("duplicate");
            assertThat(forged.statusCode()).isEqualTo(401);
        }
        assertThat(jdbc.queryForList("select entity from webhook_inbox where connection_id = 'lz-push'"
                + " and body->'data'->>'trade_order_id' in ('260422900198363', '252883361348153')", String.class))
                .as("the two samples").containsExactly("order", "order");
    }

    @Test
    void theSimulatedAppPushesACancellationThatTheHubVerifiesAndStoresAsTheOrderIsNow() throws Exception {
        connection("lz-push-cancel");
        pushes.subscribe(URI.create("http://localhost:" + port + "/webhooks/lazada/lz-push-cancel"));
        try {
            LazadaSeller seller = lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID);
            String order = seller.orderIds().get(seller.orderIds().size() - 1);
            int rows = seller.items(order).orElseThrow().size();

            seller.cancel(order, "Out of Stock");
            Instant deadline = Instant.now().plusSeconds(30);
            while (jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'lz-push-cancel'", Integer.class) < rows
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            processWebhooks();

            assertThat(jdbc.queryForList("select outcome from webhook_inbox where connection_id = 'lz-push-cancel'", String.class))
                    .as("one message per item row, the order read once").hasSize(rows).contains("stored");
            assertThat(call("GET", "/api/orders/lz-push-cancel/" + order, null, 200).get("status").asText()).isEqualTo("cancelled");
        } finally {
            pushes.subscribe(null);
        }
    }

    /** As Lazada signs a push: hex HMAC-SHA256 of the app key and the body, with the app secret. */
    private static String sign(byte[] body, String appSecret) {
        return HexFormat.of().formatHex(Hmac.sha256(appSecret,
                LazadaSandboxConfiguration.DEMO_APP.appKey().getBytes(StandardCharsets.UTF_8), body));
    }

    private HttpResponse<String> deliver(byte[] body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/lazada/lz-push"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }
}
