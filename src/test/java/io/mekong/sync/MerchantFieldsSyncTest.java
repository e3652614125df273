package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.HubIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What merchants use beyond money and lines (notes, where an order was placed, the shop's currency, a Magento
 * catalog) travels from the simulated Shopify shop and Magento store through the real connector, mapping, store and
 * API.
 */
class MerchantFieldsSyncTest extends HubIntegrationTest {


    @Test
    void anOrderNoteEditedInTheShopShowsInTheApiAfterTheNextSync() {
        long sync = connectionWithSync("fields-note", TOKEN);
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
        Order order = shop().read(() -> shop().orders().stream().filter(o -> o.note == null).findFirst().orElseThrow());
        JsonNode before = call("GET", "/api/orders/fields-note/" + order.id, null, 200);
        // the API leaves out what is not there
        assertThat(before.has("note")).as(before.toString()).isFalse();

        shop().editOrderNote(order.id, "Giao trước 17h, gọi chị Lan \"tầng 3\"");
        JsonNode run = runToEnd(sync);

        assertThat(stream(run, "orders").get("updated").asInt()).as(run.toString()).isEqualTo(1);
        JsonNode after = call("GET", "/api/orders/fields-note/" + order.id, null, 200);
        assertThat(after.get("note").asText()).isEqualTo("Giao trước 17h, gọi chị Lan \"tầng 3\"");
        assertThat(after.get("sourceChannel").asText()).isEqualTo(order.sourceName);
        assertThat(after.get("attributes").isObject()).isTrue();

        shop().editOrderNote(order.id, "");
        runToEnd(sync);
        assertThat(call("GET", "/api/orders/fields-note/" + order.id, null, 200).has("note"))
                .as("a cleared note is cleared in the store too").isFalse();
    }

    @Test
    void customerNotesAndAttributesAndOrderChannelsAreReturnedByRecordsAndListings() {
        long customerId = shop().read(() -> shop().customers().iterator().next().id);
        shop().updateCustomer(customerId, c -> c.note = "Khách sỉ, xuất hóa đơn công ty");
        long sync = connectionWithSync("fields-lists", TOKEN);
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");

        Customer noted = shop().read(() -> shop().customer(customerId));
        JsonNode customer = call("GET", "/api/customers/fields-lists/" + noted.id, null, 200);
        assertThat(customer.get("note").asText()).isEqualTo(noted.note);
        assertThat(customer.at("/attributes/verifiedEmail").asBoolean()).isEqualTo(noted.verifiedEmail);

        JsonNode orders = call("GET", "/api/orders?connection=fields-lists&limit=500", null, 200).get("items");
        List<String> channels = shop().read(() -> shop().orders().stream().map(o -> o.sourceName).distinct().toList());
        assertThat(orders.findValuesAsText("sourceChannel")).containsAll(channels);
        assertThat(orders).allSatisfy(o -> assertThat(o.get("attributes").isObject()).isTrue());
        assertThat(orders).anySatisfy(o -> assertThat(o.path("note").isTextual()).isTrue());
        JsonNode customers = call("GET", "/api/customers?connection=fields-lists&limit=500", null, 200).get("items");
        assertThat(customers.findValuesAsText("note")).contains(noted.note);
    }

    @Test
    void magentoProductsAndOrderNotesAndStoresReachTheStore() {
        magentoConnection("fields-magento", Map.of("baseCurrency", "VND"));
        long sync = call("POST", "/api/syncs", Map.of("connection", "fields-magento",
                "streams", List.of("products", "orders")), 201).get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        int catalog = magento.store("default").products().size();
        assertThat(stream(run, "products").get("inserted").asInt()).isEqualTo(catalog);
        assertThat(jdbc.queryForList("select distinct v.currency from product_variant v join product p on p.id = v.product_id"
                + " where p.connection_id = 'fields-magento'", String.class)).containsExactly("VND");
        assertThat(jdbc.queryForObject("select count(*) from product p where connection_id = 'fields-magento'"
                + " and product_type = 'configurable' and jsonb_array_length(attributes -> 'childIds') > 0"
                + " and not exists (select 1 from product_variant v where v.product_id = p.id)", Integer.class))
                .as("a configurable product has its children, not variants of its own").isEqualTo(1);
        long orderId = magento.store("default").orders().get(0).get("entity_id").asLong();
        JsonNode order = call("GET", "/api/orders/fields-magento/" + orderId, null, 200);
        assertThat(order.at("/attributes/status").asText()).isNotBlank();
    }

    @Test
    void productsArePricedInTheShopsOwnCurrencyWithoutACurrencyParameter() {
        call("POST", "/api/connections", Map.of("id", "fields-usd", "connector", "shopify",
                "params", Map.of("shop", FAULTY_SHOP, "baseUrl", "http://localhost:" + port + "/sandbox/shopify/" + FAULTY_SHOP),
                "secrets", Map.of("accessToken", TOKEN)), 201);
        long sync = call("POST", "/api/syncs", Map.of("connection", "fields-usd", "streams", List.of("products")), 201)
                .get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(stream(run, "products").get("rejected").asInt()).isZero();
        assertThat(jdbc.queryForList("select distinct v.currency from product_variant v join product p on p.id = v.product_id"
                + " where p.connection_id = 'fields-usd'", String.class)).containsExactly("USD");
    }
}
