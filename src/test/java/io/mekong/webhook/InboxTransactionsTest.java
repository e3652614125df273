package io.mekong.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connection.ConnectionService;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeShop;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No database transaction is open while a source is read: a token renewal that fails inside a webhook batch puts
 * off that connection's deliveries alone, and a token the vendor renewed is kept even when the batch fails after it.
 */
class InboxTransactionsTest extends HubIntegrationTest {

    private static final String SHOPIFY_SECRET = "shpss_transactions_secret";
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private ShopeeSimulator shopee;
    @Autowired
    private ConnectionService connections;

    @Test
    void aRenewalFailingInsideAWebhookBatchPutsOffItsConnectionAloneAndTheOthersAreStored() throws Exception {
        shopify("tx-shop");
        shopeeConnection("tx-shopee-dead", "an_expired_access_token_0000000", "a_spent_refresh_token_000000000");
        Order order = shop().orders().stream().filter(o -> o.cancelledAt == null).skip(5).findFirst().orElseThrow();
        ObjectNode shopeeOrder = shopeeShop().orders().get(7);

        assertThat(shopifyWebhook("tx-shop", "evt-tx-" + order.id, order.id)).isEqualTo(200);
        assertThat(shopeePush("tx-shopee-dead", shopeeOrder.get("order_sn").asText())).isEqualTo(200);
        // both are claimed by this one pass (with whatever other tests left due)
        processWebhooks();

        assertThat(inbox("tx-shop")).containsEntry("status", "processed").containsEntry("outcome", "stored");
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = 'tx-shop' and external_id = ?",
                Integer.class, Long.toString(order.id))).isEqualTo(1);
        Map<String, Object> failed = inbox("tx-shopee-dead");
        assertThat(failed).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat(failed.get("error").toString()).as("the renewal's own failure, named").contains("Invalid refresh_token");
        assertThat(failed.get("next_attempt_at")).as("tried again later, not at the next tick").isNotNull();
        assertThat(((java.sql.Timestamp) failed.get("next_attempt_at")).toInstant()).isAfter(Instant.now());
    }

    @Test
    void aTokenRenewedBeforeTheBatchFailsIsKeptAndServesTheRetry() throws Exception {
        shopeeConnection("tx-shopee-renews", "an_expired_access_token_1111111", ShopeeSandboxConfiguration.REFRESH_TOKEN);
        ObjectNode shopeeOrder = shopeeShop().orders().get(9);
        long refreshesBefore = shopeeShop().refreshes();
        assertThat(shopeePush("tx-shopee-renews", shopeeOrder.get("order_sn").asText())).isEqualTo(200);

        // the vendor renews the pair (spending the refresh token), then answers the order read with something unreadable
        shopeeShop().answerOrderDetailWith("<html>502 Bad Gateway</html>");
        try {
            processWebhooks();
        } finally {
            shopeeShop().answerOrderDetailWith(null);
        }

        assertThat(shopeeShop().refreshes()).isEqualTo(refreshesBefore + 1);
        assertThat(inbox("tx-shopee-renews")).containsEntry("status", "pending").containsEntry("attempts", 1);
        Map<String, String> secrets = connections.context("tx-shopee-renews").secrets();
        assertThat(secrets.get("refreshToken")).as("the new refresh token is stored: the old one is spent")
                .isNotEqualTo(ShopeeSandboxConfiguration.REFRESH_TOKEN);
        assertThat(secrets.get("accessToken")).isNotEqualTo("an_expired_access_token_1111111");

        jdbc.update("update webhook_inbox set next_attempt_at = now() where connection_id = 'tx-shopee-renews'");
        processWebhooks();

        assertThat(inbox("tx-shopee-renews")).containsEntry("status", "processed").containsEntry("outcome", "stored");
        assertThat(shopeeShop().refreshes()).as("the kept token served the retry").isEqualTo(refreshesBefore + 1);
    }

    private ShopeeShop shopeeShop() {
        return shopee.shop(ShopeeSandboxConfiguration.SHOP_ID);
    }

    private Map<String, Object> inbox(String connection) {
        return jdbc.queryForMap("select status, outcome, attempts, error, next_attempt_at from webhook_inbox"
                + " where connection_id = ?", connection);
    }

    private void shopify(String id) {
        call("POST", "/api/connections", Map.of("id", id, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SHOPIFY_SECRET)), 201);
    }

    private void shopeeConnection(String id, String accessToken, String refreshToken) {
        call("POST", "/api/connections", Map.of("id", id, "connector", "shopee",
                "params", Map.of("baseUrl", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                        "partnerId", ShopeeSandboxConfiguration.PARTNER.partnerId(), "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", callbackUrl(id)),
                "secrets", Map.of("partnerKey", ShopeeSandboxConfiguration.PARTNER.partnerKey(),
                        "accessToken", accessToken, "refreshToken", refreshToken)), 201);
    }

    private String callbackUrl(String id) {
        return "http://localhost:" + port + "/webhooks/shopee/" + id;
    }

    private int shopifyWebhook(String connection, String eventId, long orderId) throws Exception {
        String body = "{\"id\":" + orderId + ",\"admin_graphql_api_id\":\"gid://shopify/Order/" + orderId + "\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SHOPIFY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/shopify/" + connection))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/updated").header("X-Shopify-Event-Id", eventId)
                .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int shopeePush(String connection, String orderSn) throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = "{\"data\":{\"ordersn\":\"" + orderSn + "\",\"status\":\"READY_TO_SHIP\",\"update_time\":" + now
                + "},\"shop_id\":" + ShopeeSandboxConfiguration.SHOP_ID + ",\"code\":3,\"timestamp\":" + now + "}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ShopeeSandboxConfiguration.PARTNER.partnerKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((callbackUrl(connection) + "|" + body).getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(callbackUrl(connection)))
                .header("Content-Type", "application/json").header("Authorization", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
