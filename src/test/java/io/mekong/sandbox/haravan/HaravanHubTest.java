package io.mekong.sandbox.haravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connection.ConnectionService;
import io.mekong.sandbox.WebhookSender;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Haravan inside the whole hub, from YAML alone: a connection whose access token has expired renews it at the mounted
 * accounts host, keeps the rotated refresh token, and syncs every order and customer; the shop's signed webhooks are
 * processed into the store and a forged one is refused with 401.
 */
class HaravanHubTest extends HubIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    private HaravanSimulator haravan;
    @Autowired
    private ConnectionService connections;

    private HaravanShop haravanShop() {
        return haravan.shop(HaravanSandboxConfiguration.DEMO_ORG_ID);
    }

    /** A connection of its own, installed with a token pair of its own, its access token already expired. */
    private void connection(String id, String refreshToken) {
        if (jdbc.queryForObject("select count(*) from connection where id = ?", Integer.class, id) == 0) {
            haravan.accounts().install(HaravanSandboxConfiguration.DEMO_ORG_ID, HaravanSandboxConfiguration.SCOPES,
                    "AT-" + refreshToken, refreshToken);
            String local = "http://localhost:" + port + HaravanSandboxConfiguration.MOUNT;
            call("POST", "/api/connections", Map.of("id", id, "connector", "haravan",
                    "params", Map.of("baseUrl", local, "authBaseUrl", local,
                            "clientId", HaravanSandboxConfiguration.DEMO_CLIENT_ID),
                    "secrets", Map.of("clientSecret", haravan.accounts().app().clientSecret(),
                            "accessToken", "AT-" + refreshToken, "refreshToken", refreshToken,
                            "accessTokenExpiresAt", "2020-01-01T00:00:00Z")), 201);
        }
    }

    @Test
    void aSyncRenewsTheExpiredTokenKeepsTheRotatedRefreshTokenAndStoresEveryRecord() {
        connection("hrv-sync", "RT-HUB-SYNC");
        long sync = call("POST", "/api/syncs", Map.of("connection", "hrv-sync", "streams", List.of("orders", "customers")), 201)
                .get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(stream(run, "orders").get("inserted").asInt()).isEqualTo(haravanShop().orders().size());
        assertThat(stream(run, "orders").get("rejected").asInt()).isZero();
        assertThat(stream(run, "customers").get("inserted").asInt()).isEqualTo(haravanShop().customers().size());
        Map<String, String> stored = connections.renew("hrv-sync", Map.of(), current -> null);
        assertThat(stored.get("refreshToken")).as("the rotated refresh token is kept").isNotEqualTo("RT-HUB-SYNC");
        assertThat(haravan.accounts().refreshTokenLive("RT-HUB-SYNC")).as("the old one was spent").isFalse();
        assertThat(haravan.accounts().refreshTokenLive(stored.get("refreshToken"))).isTrue();
        JsonNode pos = call("GET", "/api/orders/hrv-sync/" + haravanShop().orders().stream()
                .filter(o -> o.get("source_name").asText().equals("pos")).findFirst().orElseThrow().get("id").asText(), null, 200);
        assertThat(pos.get("currency").asText()).isEqualTo("VND");
    }

    @Test
    void aSignedWebhookIsProcessedIntoTheStoreAndAForgedOneRefused() throws Exception {
        connection("hrv-hook", "RT-HUB-HOOK");
        URI endpoint = URI.create("http://localhost:" + port + "/webhooks/haravan/hrv-hook");
        long id = haravanShop().orders().stream().filter(o -> o.get("cancelled_status").asText().equals("uncancelled"))
                .findFirst().orElseThrow().get("id").asLong();
        List<HaravanShop.Change> changes = new CopyOnWriteArrayList<>();
        haravanShop().onChange(changes::add);
        haravanShop().cancelOrder(id, "customer");
        HaravanShop.Change cancelled = changes.stream().filter(c -> c.payload().get("id").asLong() == id).findFirst().orElseThrow();

        String secret = haravan.accounts().app().clientSecret();
        HttpResponse<String> accepted = post(HaravanWebhooks.delivery(haravanShop(), cancelled, endpoint, secret));
        HttpResponse<String> forged = post(HaravanWebhooks.delivery(haravanShop(), cancelled, endpoint, "not-the-app-secret"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'hrv-hook'", Integer.class))
                .as("the forged delivery left nothing").isEqualTo(1);
        processWebhooks();
        assertThat(call("GET", "/api/orders/hrv-hook/" + id, null, 200).get("status").asText()).isEqualTo("cancelled");
    }

    private HttpResponse<String> post(WebhookSender.Delivery delivery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().get().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
