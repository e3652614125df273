package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.SimulatorResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySimulatorTest {

    static ShopifySimulator simulator;
    static ShopifyClient vn;

    /** The VN demo shop's access token: random, made when the shop was. */
    private static String token() {
        return simulator.shop(ShopSettings.VN_DOMAIN).settings().accessToken();
    }

    @BeforeAll
    static void seed() {
        simulator = ShopifySimulator.demo(42, new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        vn = new ShopifyClient(simulator, ShopSettings.VN_DOMAIN, token());
    }

    @Test
    void wrongTokenIs401WithShopifysBody() {
        SimulatorResponse response = new ShopifyClient(simulator, ShopSettings.VN_DOMAIN, "shpat_wrong")
                .post("{ shop { name } }", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo(
                "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
    }

    @Test
    void unknownShopIs404AndMalformedJsonIs400() {
        assertThat(new ShopifyClient(simulator, "nope.myshopify.com", "x").post("{ shop { name } }", Map.of())
                .status()).isEqualTo(404);
        SimulatorResponse malformed = simulator.handle("POST", "/" + ShopSettings.VN_DOMAIN
                + "/admin/api/2025-10/graphql.json", Map.of("x-shopify-access-token", token()),
                "{\"query\": ".getBytes());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.bodyText()).contains("not valid JSON");
        assertThat(malformed.headers()).containsEntry("X-Shopify-API-Version", "2025-10");
    }

    @Test
    void retiredVersionFallsForward() {
        SimulatorResponse response = simulator.handle("POST", "/" + ShopSettings.VN_DOMAIN
                + "/admin/api/2019-04/graphql.json", Map.of("X-Shopify-Access-Token", token()),
                "{\"query\":\"{ shop { currencyCode } }\"}".getBytes());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("X-Shopify-API-Version", "2025-01");
    }

    @Test
    void shopAndNodeLookups() {
        JsonNode shop = vn.query("{ shop { id name myshopifyDomain currencyCode ianaTimezone } }", Map.of());
        assertThat(shop.at("/data/shop/currencyCode").asText()).isEqualTo("VND");
        assertThat(shop.at("/data/shop/ianaTimezone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
        JsonNode first = vn.query("{ orders(first: 1, sortKey: ID) { nodes { id legacyResourceId createdAt } } }",
                Map.of());
        String gid = first.at("/data/orders/nodes/0/id").asText();
        assertThat(gid).startsWith("gid://shopify/Order/").endsWith(first.at("/data/orders/nodes/0/legacyResourceId").asText());
        assertThat(first.at("/data/orders/nodes/0/createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00");
        JsonNode one = vn.query("query($id: ID!) { order(id: $id) { id name } }", Map.of("id", gid));
        assertThat(one.at("/data/order/id").asText()).isEqualTo(gid);
        assertThat(one.at("/data/order/name").asText()).isEqualTo("#1001");
    }

    @Test
    void firstAbove250IsRejected() {
        JsonNode body = vn.query("{ customers(first: 251) { nodes { id } } }", Map.of());
        assertThat(body.has("data")).isFalse();
        assertThat(body.at("/errors/0/message").asText()).contains("250");
    }

    @Test
    void searchFiltersByUpdatedAtAndStatus() {
        String since = "2025-06-01T00:00:00+07:00";
        JsonNode body = vn.query("query($q: String) { orders(first: 250, query: $q, sortKey: UPDATED_AT) "
                + "{ nodes { updatedAt cancelledAt } } }", Map.of("q", "updated_at:>='" + since + "' status:cancelled"));
        JsonNode nodes = body.at("/data/orders/nodes");
        assertThat(nodes.size()).isPositive();
        nodes.forEach(n -> {
            assertThat(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(n.get("updatedAt").asText())))
                    .isAfterOrEqualTo(Instant.parse("2025-05-31T17:00:00Z"));
            assertThat(n.get("cancelledAt").isNull()).isFalse();
        });
        long expected = simulator.shop(ShopSettings.VN_DOMAIN).orders().stream()
                .filter(o -> o.cancelledAt != null && !o.updatedAt.toInstant().isBefore(Instant.parse("2025-05-31T17:00:00Z")))
                .count();
        assertThat(nodes.size()).isEqualTo((int) Math.min(250, expected));
    }

    @Test
    void cursorsAreStableAndSeekPastChangedRecords() {
        String query = "query($after: String) { customers(first: 5, after: $after, sortKey: ID) "
                + "{ edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        JsonNode page1 = vn.query(query, new HashMap<>());
        String cursor = page1.at("/data/customers/pageInfo/endCursor").asText();
        JsonNode page2 = vn.query(query, Map.of("after", cursor));
        long firstOfPage2 = Gid.parse(page2.at("/data/customers/edges/0/node/id").asText(), "Customer").orElseThrow();
        simulator.shop(ShopSettings.VN_DOMAIN).updateCustomer(firstOfPage2, c -> c.note = "changed");
        JsonNode again = vn.query(query, Map.of("after", cursor));
        assertThat(again.at("/data/customers/edges")).isEqualTo(page2.at("/data/customers/edges"));
        assertThat(again.at("/data/customers/pageInfo/hasPreviousPage").asBoolean()).isTrue();
    }
}
