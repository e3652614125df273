package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mekong.sandbox.SandboxHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Walks the connector's stream queries through the simulator the way an incremental sync does. */
class ShopifySyncWalkTest {

    static final JsonNode CONNECTOR = readConnector();

    // A small Vietnamese shop keeps the walks fast.
    final ShopifyShop shop = seeded(new SeedSize(80, 300, 30));
    final ShopifySimulator simulator = new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop));
    final ShopifyClient client = new ShopifyClient(simulator, ShopSettings.VN_DOMAIN, shop.settings().accessToken());

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders", "products"})
    void connectorQueriesWalkEveryRecordWithoutErrors(String stream) {
        String query = CONNECTOR.at("/streams/" + stream + "/graphql/query").asText();
        String filter = CONNECTOR.at("/streams/" + stream + "/cursor/filter").asText()
                .replace("{{cursor}}", "2024-01-01T00:00:00+07:00");
        int first = CONNECTOR.at("/streams/" + stream + "/graphql/pageSize").asInt();
        // the spec's page size must fit Shopify's single-query cost limit (nested lists multiply the cost)
        JsonNode probe = client.query(query, Map.of("first", first, "query", "id:0"));
        assertThat(probe.has("errors")).as("%s at first=%d: %s", stream, first, probe.get("errors")).isFalse();
        assertThat(probe.at("/extensions/cost/requestedQueryCost").asInt()).isLessThanOrEqualTo(1000);
        Map<String, JsonNode> seen = walk(stream, query, first, filter);
        int expected = switch (stream) {
            case "customers" -> shop.customerCount();
            case "orders" -> shop.orderCount();
            default -> shop.productCount();
        };
        assertThat(seen).hasSize(expected);
        JsonNode any = seen.values().iterator().next();
        assertThat(any.get("id").asText()).startsWith("gid://shopify/");
        assertThat(any.get("updatedAt").asText()).endsWith("+07:00");
    }

    @Test
    void ordersHaveTheShapeTheMappingReads() {
        String query = CONNECTOR.at("/streams/orders/graphql/query").asText();
        Map<String, JsonNode> orders = walk("orders", query, CONNECTOR.at("/streams/orders/graphql/pageSize").asInt(), "status:any");
        List<JsonNode> all = List.copyOf(orders.values());
        assertThat(all).anyMatch(o -> o.get("customer").isNull() && !o.get("email").isNull());
        assertThat(all).anyMatch(o -> o.get("displayFinancialStatus").asText().equals("PARTIALLY_REFUNDED")
                && o.at("/refunds/0/refundLineItems/nodes/0/lineItem/id").asText().startsWith("gid://shopify/LineItem/")
                && o.at("/refunds/0/totalRefundedSet/shopMoney/amount").asText().endsWith(".0"));
        assertThat(all).anyMatch(o -> !o.get("cancelledAt").isNull() && o.get("displayFinancialStatus").asText().matches("VOIDED|REFUNDED"));
        assertThat(all).anyMatch(o -> !o.get("presentmentCurrencyCode").asText().equals("VND")
                && o.at("/totalPriceSet/presentmentMoney/currencyCode").asText().equals("USD"));
        assertThat(all).anyMatch(o -> o.get("transactions").findValuesAsText("kind").contains("REFUND"));
        assertThat(all).anyMatch(o -> o.at("/lineItems/nodes").size() > 1);
        assertThat(all).allMatch(o -> o.at("/totalPriceSet/shopMoney/amount").asText().matches("\\d+\\.0"));
    }

    @Test
    void recordsUpdatedWhileSyncingAreServedInTheirFinalState() {
        shop.mutateWhileSyncing(3);
        String query = CONNECTOR.at("/streams/customers/graphql/query").asText();
        Map<String, JsonNode> lastSeen = walk("customers", query, 10, "");
        shop.mutateWhileSyncing(0);
        assertThat(lastSeen).hasSize(shop.customerCount());
        long edited = shop.read(() -> shop.customers().stream().filter(c -> c.note != null && c.note.startsWith("Edited")).count());
        assertThat(edited).isPositive();
        shop.read(() -> {
            shop.customers().forEach(c -> assertThat(lastSeen.get(Gid.of("Customer", c.id)).get("updatedAt").asText())
                    .isEqualTo(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(c.updatedAt)));
            return null;
        });
    }

    @Test
    void ordersChangedByTheMerchantReappearAfterTheCursor() {
        String query = CONNECTOR.at("/streams/orders/graphql/query").asText();
        Map<String, JsonNode> before = walk("orders", query, 1, "status:any");
        long id = shop.read(() -> shop.orders().stream().filter(o -> o.cancelledAt == null && o.refunds.isEmpty()
                && o.displayFinancialStatus.equals("PAID")).findFirst().orElseThrow().id);
        shop.cancelOrder(id, "CUSTOMER");
        String since = before.values().stream().map(o -> o.get("updatedAt").asText()).max(String::compareTo).orElseThrow();
        Map<String, JsonNode> changed = walk("orders", query, 1, "updated_at:>'" + since + "' status:any");
        JsonNode order = changed.get(Gid.of("Order", id));
        assertThat(order.get("cancelReason").asText()).isEqualTo("CUSTOMER");
        assertThat(order.get("displayFinancialStatus").asText()).isEqualTo("REFUNDED");
        assertThat(changed).hasSize(1);
    }

    @Test
    void servesOverRealHttp() throws Exception {
        try (SandboxHttpServer server = SandboxHttpServer.start(simulator)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/" + ShopSettings.VN_DOMAIN + "/admin/api/2025-10/graphql.json"))
                    .header("X-Shopify-Access-Token", shop.settings().accessToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CONNECTOR.at("/test/graphql").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Shopify-API-Version")).contains("2025-10");
            assertThat(response.body()).contains("\"currencyCode\":\"VND\"").contains("Mekong Demo Việt Nam");
        }
    }

    /** Pages to the end; returns the last version served of every record, keyed by GID. */
    private Map<String, JsonNode> walk(String stream, String query, int first, String filter) {
        Map<String, JsonNode> seen = new HashMap<>();
        String after = null;
        do {
            JsonNode body = client.page(query, first, after, filter);
            body.at("/data/" + stream + "/nodes").forEach(node -> seen.put(node.get("id").asText(), node));
            JsonNode pageInfo = body.at("/data/" + stream + "/pageInfo");
            after = pageInfo.get("hasNextPage").asBoolean() ? pageInfo.get("endCursor").asText() : null;
            shop.bucket().refund(Double.MAX_VALUE);
        } while (after != null);
        return seen;
    }

    private static ShopifyShop seeded(SeedSize size) {
        ShopifyShop shop = new ShopifyShop(ShopSettings.demoVietnam(), new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        ShopifySeed.populate(shop, 42, size);
        return shop;
    }

    private static JsonNode readConnector() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("connectors/shopify.yaml").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
