package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mekong.sandbox.SandboxSecrets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection page costs O(log n + page size), not O(n): on a large shop the rows a page looks at (counted by
 * the shop) stay within the page size plus the one row on each side that decides hasNextPage/hasPreviousPage,
 * wherever the walk starts.
 */
class ShopifyPagingCostTest {

    static final int PAGE = 3;
    /** The page, one row to tell hasNextPage, one to tell hasPreviousPage. */
    static final int MOST_ROWS_EXAMINED = PAGE + 2;
    static final ShopifyShop SHOP = largeShop();
    static final String ORDERS_QUERY = connectorOrdersQuery();

    final ShopifyClient client = new ShopifyClient(
            new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(SHOP)), ShopSettings.VN_DOMAIN,
            SHOP.settings().accessToken());

    @Test
    void aFreshConnectorWalkExaminesOnlyItsPages() {
        List<Order> expected = sorted(o -> o.updatedAt.toEpochSecond());
        String after = null;
        List<String> served = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            long before = SHOP.rowsExamined();
            JsonNode orders = ordersPage(after, "updated_at:>='2020-01-01T00:00:00+07:00' status:any");
            assertThat(SHOP.rowsExamined() - before).as("rows examined for page %d", page)
                    .isLessThanOrEqualTo(MOST_ROWS_EXAMINED);
            orders.at("/nodes").forEach(node -> served.add(node.get("id").asText()));
            after = orders.at("/pageInfo/endCursor").asText();
        }
        assertThat(served).isEqualTo(gids(expected.subList(0, 5 * PAGE)));
    }

    @Test
    void aConnectorWalkResumedDeepInTheShopExaminesOnlyItsPage() {
        List<Order> expected = sorted(o -> o.updatedAt.toEpochSecond());
        Order middle = expected.get(expected.size() / 2);
        String cursor = Connections.encode(new Connections.Key(middle.updatedAt.toEpochSecond(), middle.id), true);
        long before = SHOP.rowsExamined();
        JsonNode orders = ordersPage(cursor, "updated_at:>='2020-01-01T00:00:00+07:00' status:any");
        assertThat(SHOP.rowsExamined() - before).isLessThanOrEqualTo(MOST_ROWS_EXAMINED);
        int at = expected.indexOf(middle);
        assertThat(ids(orders)).isEqualTo(gids(expected.subList(at + 1, at + 1 + PAGE)));
        assertThat(orders.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
    }

    @Test
    void anUpdatedAtFilterSeeksToItsBound() {
        List<Order> expected = sorted(o -> o.updatedAt.toEpochSecond());
        OffsetDateTime bound = expected.get(expected.size() / 2).updatedAt;
        long before = SHOP.rowsExamined();
        JsonNode orders = ordersPage(null, "updated_at:>='" + bound + "' status:any");
        assertThat(SHOP.rowsExamined() - before).isLessThanOrEqualTo(MOST_ROWS_EXAMINED);
        List<Order> matching = expected.stream().filter(o -> !o.updatedAt.isBefore(bound)).toList();
        assertThat(ids(orders)).isEqualTo(gids(matching.subList(0, PAGE)));
        assertThat(orders.at("/pageInfo/hasPreviousPage").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ID", "UPDATED_AT", "CREATED_AT", "PROCESSED_AT"})
    void everySortSeeksItsCursor(String sortKey) {
        ToLongFunction<Order> value = switch (sortKey) {
            case "ID" -> o -> o.id;
            case "UPDATED_AT" -> o -> o.updatedAt.toEpochSecond();
            case "CREATED_AT" -> o -> o.createdAt.toEpochSecond();
            default -> o -> o.processedAt.toEpochSecond();
        };
        List<Order> expected = sorted(value);
        Order deep = expected.get(expected.size() * 3 / 4);
        String cursor = Connections.encode(new Connections.Key(value.applyAsLong(deep), deep.id), !sortKey.equals("ID"));
        long before = SHOP.rowsExamined();
        JsonNode body = client.query("query($after: String) { orders(first: " + PAGE + ", after: $after, sortKey: "
                + sortKey + ") { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }", Map.of("after", cursor));
        assertThat(SHOP.rowsExamined() - before).isLessThanOrEqualTo(MOST_ROWS_EXAMINED);
        int at = expected.indexOf(deep);
        assertThat(ids(body.at("/data/orders"))).isEqualTo(gids(expected.subList(at + 1, at + 1 + PAGE)));
        assertThat(body.at("/data/orders/pageInfo/hasPreviousPage").asBoolean()).isTrue();
    }

    @Test
    void aChangedOrderIsRefiledUnderItsNewUpdatedAt() {
        Order oldest = sorted(o -> o.updatedAt.toEpochSecond()).get(0);
        SHOP.addOrderTag(oldest.id, "re-filed");
        long before = SHOP.rowsExamined();
        JsonNode newest = client.query("{ orders(first: 1, sortKey: UPDATED_AT, reverse: true) { nodes { id tags } } }",
                Map.of());
        assertThat(SHOP.rowsExamined() - before).isLessThanOrEqualTo(1 + 2);
        assertThat(newest.at("/data/orders/nodes/0/id").asText()).isEqualTo(Gid.of("Order", oldest.id));
        assertThat(SHOP.read(() -> SHOP.sortedOrders().sort("UPDATED_AT", false, SearchQuery.parse(null),
                ZoneId.of("UTC")).rows().size())).as("no stale entry left behind").isEqualTo(SHOP.orderCount());
    }

    private JsonNode ordersPage(String after, String filter) {
        return client.page(ORDERS_QUERY, PAGE, after, filter).at("/data/orders");
    }

    private static List<Order> sorted(ToLongFunction<Order> value) {
        return SHOP.read(() -> SHOP.orders().stream()
                .sorted(Comparator.comparingLong(value).thenComparingLong(o -> o.id)).toList());
    }

    private static List<String> ids(JsonNode connection) {
        List<String> ids = new ArrayList<>();
        connection.at("/nodes").forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    private static List<String> gids(List<Order> orders) {
        return orders.stream().map(o -> Gid.of("Order", o.id)).toList();
    }

    private static ShopifyShop largeShop() {
        ShopifyShop shop = new ShopifyShop(new ShopSettings(ShopSettings.VN_DOMAIN, "Large", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), SandboxSecrets.random("shpat_"), ThrottlePlan.UNMETERED),
                new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        ShopifySeed.populate(shop, 11, new SeedSize(300, 20_000, 30));
        return shop;
    }

    private static String connectorOrdersQuery() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("connectors/shopify.yaml").toFile())
                    .at("/streams/orders/graphql/query").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
