package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.LineItem;
import io.mekong.sandbox.shopify.Order;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.testing.HubIntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pulls the simulated shop through the real connector, mapping, store and routes, as a merchant's sync would. */
class ShopifySyncEndToEndTest extends HubIntegrationTest {

    @Test
    void fullSyncStoresEverySeedRecordWithExactMoneyCurrencyAndText() {
        long sync = connectionWithSync("e2e-full", TOKEN);

        JsonNode run = runToEnd(sync);

        ShopifyShop shop = shop();
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertCounts(stream(run, "customers"), shop.customerCount());
        assertCounts(stream(run, "orders"), shop.orderCount());
        assertCounts(stream(run, "products"), shop.productCount());

        List<Order> orders = shop.read(() -> List.copyOf(shop.orders()));
        for (Order order : orders) {
            JsonNode stored = call("GET", "/api/orders/e2e-full/" + order.id, null, 200);
            assertThat(stored.get("currency").asText()).isEqualTo("VND");
            assertThat(stored.at("/amounts/totalMinor").asLong()).as(order.name())
                    .isEqualTo(minor(order.totalPriceSet.shopMoney().amount(), order.currencyCode));
            assertThat(stored.get("orderNumber").asText()).isEqualTo(order.name());
            assertThat(stored.path("email").asText(null)).isEqualTo(order.email == null ? null : order.email.trim());
            assertThat(stored.path("customerExternalId").asText(null))
                    .isEqualTo(order.customerId == null ? null : order.customerId.toString());
            assertThat(stored.get("lines")).hasSize(order.lineItems.size());
            if (order.billingAddress != null) {
                assertThat(stored.at("/billingAddress/name").asText()).isEqualTo(order.billingAddress.name());
            }
        }
        assertThat(orders).anyMatch(o -> o.customerId == null);
        assertThat(orders).anyMatch(o -> o.cancelledAt != null);
        assertThat(orders).anyMatch(o -> !o.refunds.isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from sales_order where connection_id = 'e2e-full'"
                + " and status = 'cancelled'", Integer.class))
                .isEqualTo((int) orders.stream().filter(o -> o.cancelledAt != null).count());
        assertThat(jdbc.queryForObject("select count(*) from customer where connection_id = 'e2e-full'"
                + " and (first_name || last_name) ~ '[À-ỹ]'", Integer.class)).isPositive();

        String metrics = send("GET", "/actuator/prometheus", null, "admin", ADMIN_PASSWORD).body();
        assertThat(metrics).containsPattern("mekong_sync_records_total\\{[^}]*connection=\"e2e-full\"[^}]*outcome=\"inserted\""
                + "[^}]*stream=\"orders\"[^}]*} " + shop.orderCount() + "\\.0");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"sync-stream\"");
    }

    @Test
    void secondRunIsAllUnchangedAndOneChangedOrderIsExactlyOneUpdate() {
        long sync = connectionWithSync("e2e-incremental", TOKEN);
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");

        JsonNode again = runToEnd(sync);
        for (String name : List.of("customers", "orders", "products")) {
            JsonNode stream = stream(again, name);
            assertThat(stream.get("read").asInt()).as(name).isPositive();
            assertThat(stream.get("unchanged").asInt()).as(name).isEqualTo(stream.get("read").asInt());
        }

        Order changed = shop().read(() -> shop().orders().iterator().next());
        shop().addOrderTag(changed.id, "vip-" + System.nanoTime());
        JsonNode afterChange = runToEnd(sync);

        assertThat(stream(afterChange, "orders").get("updated").asInt()).isEqualTo(1);
        assertThat(stream(afterChange, "orders").get("inserted").asInt()).isZero();
        assertThat(stream(afterChange, "customers").get("updated").asInt()).isZero();
        assertThat(stream(afterChange, "products").get("updated").asInt()).isZero();
        assertThat(call("GET", "/api/orders/e2e-incremental/" + changed.id, null, 200).get("tags").toString())
                .contains("vip-");
    }

    @Test
    void recordsChangedWhileTheSyncRunsAreStoredInTheirLatestVersion() {
        long sync = connectionWithSync("e2e-moving", TOKEN);
        shop().mutateWhileSyncing(4); // every 4th request edits records the sync has already read
        JsonNode moving;
        try {
            moving = runToEnd(sync);
        } finally {
            shop().mutateWhileSyncing(0);
        }
        assertThat(moving.get("status").asText()).isEqualTo("succeeded");
        assertThat(stream(moving, "orders").get("inserted").asInt()).isEqualTo(shop().orderCount());
        assertThat(stream(moving, "orders").get("read").asInt()).as("edited orders are read again later in the walk")
                .isGreaterThan(shop().orderCount());

        runToEnd(sync); // the next incremental run catches edits made after the last page was served

        List<Order> orders = shop().read(() -> List.copyOf(shop().orders()));
        Map<String, java.time.Instant> stored = new java.util.HashMap<>();
        jdbc.query("select external_id, source_updated_at from sales_order where connection_id = 'e2e-moving'",
                rs -> {
                    stored.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        assertThat(stored).hasSize(orders.size());
        for (Order order : orders) {
            assertThat(stored.get(Long.toString(order.id))).as(order.name()).isEqualTo(order.updatedAt.toInstant());
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedAndNothingIsLost() {
        long sync = connectionWithSync("e2e-faulty", FAULTY_SHOP, "USD", TOKEN);

        JsonNode run = runToEnd(sync);

        ShopifyShop faulty = simulator.shop(FAULTY_SHOP);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertCounts(stream(run, "customers"), faulty.customerCount());
        assertCounts(stream(run, "orders"), faulty.orderCount());
        assertCounts(stream(run, "products"), faulty.productCount());
    }

    @Test
    void wrongTokenFailsTheRunNamingShopifys401AndTouchesNothingStored() {
        long good = connectionWithSync("e2e-before-bad", TOKEN);
        runToEnd(good);
        Map<String, Object> before = tableCounts();
        long bad = connectionWithSync("e2e-bad-token", "shpat_wrong_token");

        JsonNode run = runToEnd(bad);

        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("error").asText()).contains("401").contains("Invalid API key or access token");
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from checkpoint where connection_id = 'e2e-bad-token'",
                Integer.class)).isZero();
    }

    @Test
    void aRecordTheMappingRefusesGoesToDeadLettersAndTheRestOfItsPageIsStored() {
        long sync = connectionWithSync("e2e-dead-letter", TOKEN);
        runToEnd(sync);
        Order[] pair = shop().read(() -> shop().orders().stream().limit(2).toArray(Order[]::new));
        List<LineItem> original = List.copyOf(pair[0].lineItems);
        shop().updateOrder(pair[0].id, o -> o.lineItems = moreLinesThanTheConnectorReads(o.lineItems));
        shop().addOrderTag(pair[1].id, "touched-" + System.nanoTime());
        JsonNode run;
        try {
            run = runToEnd(sync);
        } finally {
            shop().updateOrder(pair[0].id, o -> o.lineItems = new ArrayList<>(original)); // the shop is shared
        }

        JsonNode orders = stream(run, "orders");
        assertThat(orders.get("rejected").asInt()).isEqualTo(1);
        assertThat(orders.get("updated").asInt()).isEqualTo(1);
        JsonNode dead = call("GET", "/api/dead-letters?connection=e2e-dead-letter&entity=order", null, 200).get("items");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("externalId").asText()).isEqualTo(Long.toString(pair[0].id));
        assertThat(dead.get(0).get("reason").asText()).contains("more than 20 line items");
        assertThat(dead.get(0).at("/payload/lineItems/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(call("GET", "/api/orders/e2e-dead-letter/" + pair[1].id, null, 200).get("tags").toString())
                .contains("touched-");
    }

    private static List<LineItem> moreLinesThanTheConnectorReads(List<LineItem> lines) {
        List<LineItem> more = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            more.add(lines.get(i % lines.size()));
        }
        return more;
    }

    private Map<String, Object> tableCounts() {
        return jdbc.queryForMap("select (select count(*) from customer) customers, (select count(*) from sales_order) orders,"
                + " (select count(*) from order_line) lines, (select count(*) from product) products,"
                + " (select count(*) from source_record) raw, (select count(*) from dead_letter) dead,"
                + " (select max(updated_at) from sales_order) last_order_write");
    }

    private static void assertCounts(JsonNode stream, int seed) {
        assertThat(stream.get("status").asText()).as(stream.toString()).isEqualTo("succeeded");
        assertThat(stream.get("inserted").asInt()).as(stream.toString()).isEqualTo(seed);
        assertThat(stream.get("rejected").asInt()).as(stream.toString()).isZero();
        int read = stream.get("read").asInt();
        assertThat(read).isEqualTo(stream.get("inserted").asInt() + stream.get("updated").asInt()
                + stream.get("unchanged").asInt() + stream.get("stale").asInt() + stream.get("rejected").asInt());
    }

    private static long minor(BigDecimal amount, String currency) {
        return amount.movePointRight(Currency.getInstance(currency).getDefaultFractionDigits()).longValueExact();
    }
}
