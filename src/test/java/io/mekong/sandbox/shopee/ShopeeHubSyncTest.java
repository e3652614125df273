package io.mekong.sandbox.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.auth.Hmac;
import io.mekong.testing.Fixtures;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The hub's own Shopee simulator read through the sync job, mapping, store and dead letters, as the demo does. */
class ShopeeHubSyncTest extends HubIntegrationTest {

    @Autowired
    private ShopeeSimulator shopee;

    private ShopeeShop shopeeShop() {
        return shopee.shop(ShopeeSandboxConfiguration.SHOP_ID);
    }

    private String callbackUrl(String connectionId) {
        return "http://localhost:" + port + "/webhooks/shopee/" + connectionId;
    }

    private long shopeeSync(String connectionId) {
        call("POST", "/api/connections", Map.of("id", connectionId, "connector", "shopee",
                "params", Map.of("baseUrl", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                        "partnerId", ShopeeSandboxConfiguration.PARTNER.partnerId(), "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", callbackUrl(connectionId)),
                "secrets", Map.of("partnerKey", ShopeeSandboxConfiguration.PARTNER.partnerKey(),
                        "accessToken", ShopeeSandboxConfiguration.ACCESS_TOKEN,
                        "refreshToken", ShopeeSandboxConfiguration.REFRESH_TOKEN)), 201);
        return call("POST", "/api/syncs", Map.of("connection", connectionId, "streams", List.of("orders")), 201).get("id").asLong();
    }

    @Test
    void aSyncStoresEveryOrderOfTheShopWithItsLinesAndPayment() {
        JsonNode run = runToEnd(shopeeSync("shopee-e2e"));

        JsonNode orders = stream(run, "orders");
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(orders.get("inserted").asInt()).as(orders.toString()).isEqualTo(shopeeShop().orders().size());
        assertThat(orders.get("rejected").asInt()).isZero();
        ObjectNode cancelled = shopeeShop().orders().stream()
                .filter(o -> o.get("order_status").asText().equals("CANCELLED") && o.has("pay_time")).findFirst().orElseThrow();
        JsonNode stored = call("GET", "/api/orders/shopee-e2e/" + cancelled.get("order_sn").asText(), null, 200);
        assertThat(stored.get("status").asText()).isEqualTo("cancelled");
        assertThat(stored.at("/amounts/totalMinor").asLong()).isEqualTo(cancelled.get("total_amount").asLong());
        assertThat(stored.get("lines")).hasSize(cancelled.get("item_list").size());
        assertThat(stored.get("payments")).hasSize(1);
    }

    @Test
    void anAppWithoutThePaymentPermissionStoresEveryOrderWithoutItsEscrowAndTheRunCountsWhatIsMissing() {
        long sync = shopeeSync("shopee-e2e-no-escrow");
        JsonNode run;
        shopeeShop().withholdPermission("/api/v2/payment/get_escrow_detail_batch");
        try {
            run = runToEnd(sync);
        } finally {
            shopeeShop().grantAllPermissions(); // the simulator is shared
        }

        JsonNode orders = stream(run, "orders");
        int total = shopeeShop().orders().size();
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(orders.get("inserted").asInt()).as(orders.toString()).isEqualTo(total);
        assertThat(orders.get("rejected").asInt()).isZero();
        assertThat(orders.get("missingDetails")).as(orders.toString())
                .isEqualTo(JSON.createObjectNode().put("escrow", total));
        String paid = shopeeShop().orders().stream().filter(o -> o.has("pay_time")).findFirst().orElseThrow()
                .get("order_sn").asText();
        JsonNode stored = call("GET", "/api/orders/shopee-e2e-no-escrow/" + paid, null, 200);
        assertThat(stored.get("lines")).as("the order detail is there").isNotEmpty();
        assertThat(stored.get("payments")).as("the escrow is not").isEmpty();
    }

    @Test
    void shopeesInvalidDetailSampleLandsInDeadLettersNamingTheProblemAndTheRunEnds() throws IOException {
        String vendorSample = Files.readString(Fixtures.vendor("shopee").resolve("get_order_detail.response.vendor-verbatim.txt"));
        long sync = shopeeSync("shopee-e2e-invalid");
        JsonNode run;
        shopeeShop().answerOrderDetailWith(vendorSample);
        try {
            run = runToEnd(sync);
        } finally {
            shopeeShop().answerOrderDetailWith(null); // the simulator is shared
        }

        JsonNode orders = stream(run, "orders");
        assertThat(orders.get("rejected").asInt()).as(orders.toString()).isEqualTo(shopeeShop().orders().size());
        JsonNode dead = call("GET", "/api/dead-letters?connection=shopee-e2e-invalid&entity=order&limit=5", null, 200).get("items");
        assertThat(dead).isNotEmpty();
        assertThat(dead.get(0).get("reason").asText()).contains("was listed but its detail could not be read")
                .contains("/api/v2/order/get_order_detail for stream orders is not JSON");
        assertThat(dead.get(0).at("/payload/order_sn").asText()).isEqualTo(dead.get(0).get("externalId").asText());
    }

    @Test
    void anOrderStatusPushSignedWithThePartnerKeyIsAcceptedOnceAndAForgedOneIsRefused() throws Exception {
        shopeeSync("shopee-push");
        String body = "{\"data\":{\"ordersn\":\"2404098R48U37H\",\"status\":\"READY_TO_SHIP\",\"update_time\":1712817766},"
                + "\"shop_id\":" + ShopeeSandboxConfiguration.SHOP_ID + ",\"code\":3,\"timestamp\":1712817767}";
        String signature = HexFormat.of().formatHex(Hmac.sha256(ShopeeSandboxConfiguration.PARTNER.partnerKey(),
                callbackUrl("shopee-push") + "|" + body));

        HttpResponse<String> first = push(body, signature);
        HttpResponse<String> again = push(body, signature);
        HttpResponse<String> forged = push(body.replace("READY_TO_SHIP", "CANCELLED"), signature);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("status").asText()).isEqualTo("accepted");
        assertThat(JSON.readTree(again.body()).get("status").asText()).as("no event id: the body's hash dedupes").isEqualTo("duplicate");
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void aPushNamingACancelledOrderStoresTheOrderReadAgainFromTheShop() throws Exception {
        shopeeSync("shopee-push-cancel");
        ObjectNode order = shopeeShop().orders().stream().filter(o -> o.get("order_status").asText().equals("READY_TO_SHIP"))
                .findFirst().orElseThrow();
        String orderSn = order.get("order_sn").asText();
        shopeeShop().cancelOrder(orderSn, "Out of Stock");
        String body = "{\"data\":{\"ordersn\":\"" + orderSn + "\",\"status\":\"CANCELLED\",\"update_time\":"
                + java.time.Instant.now().getEpochSecond() + "},\"shop_id\":" + ShopeeSandboxConfiguration.SHOP_ID
                + ",\"code\":3,\"timestamp\":" + java.time.Instant.now().getEpochSecond() + "}";
        String signature = HexFormat.of().formatHex(Hmac.sha256(ShopeeSandboxConfiguration.PARTNER.partnerKey(),
                callbackUrl("shopee-push-cancel") + "|" + body));

        assertThat(push("shopee-push-cancel", body, signature).statusCode()).isEqualTo(200);
        processWebhooks();

        assertThat(jdbc.queryForObject("select outcome from webhook_inbox where connection_id = 'shopee-push-cancel'",
                String.class)).isEqualTo("stored");
        JsonNode stored = call("GET", "/api/orders/shopee-push-cancel/" + orderSn, null, 200);
        assertThat(stored.get("status").asText()).isEqualTo("cancelled");
        assertThat(stored.get("lines")).hasSize(order.get("item_list").size());
    }

    private HttpResponse<String> push(String body, String authorization) throws Exception {
        return push("shopee-push", body, authorization);
    }

    private HttpResponse<String> push(String connectionId, String body, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callbackUrl(connectionId)))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
