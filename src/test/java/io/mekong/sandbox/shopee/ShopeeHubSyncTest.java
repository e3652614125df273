package io.mekong.sandbox.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.testing.Fixtures;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
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

    private long shopeeSync(String connectionId) {
        call("POST", "/api/connections", Map.of("id", connectionId, "connector", "shopee",
                "params", Map.of("baseUrl", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                        "partnerId", ShopeeSandboxConfiguration.PARTNER.partnerId(), "shopId", ShopeeSandboxConfiguration.SHOP_ID),
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
}
