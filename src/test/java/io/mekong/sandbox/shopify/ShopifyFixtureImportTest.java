package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shopify's own REST samples, imported and read back through GraphQL with the same meaning. */
class ShopifyFixtureImportTest {

    static final String DOMAIN = "apple.myshopify.com";
    static final String TOKEN = "shpat_fixture";
    ShopifyClient client;
    JsonNode rest;

    @BeforeEach
    void importFixtures() throws Exception {
        Path dir = Fixtures.vendor("shopify");
        ShopifyShop shop = new ShopifyShop(new ShopSettings(DOMAIN, "Apple Computers", "USD",
                ZoneId.of("America/New_York"), TOKEN, ThrottlePlan.PLUS), new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        ShopifyFixtureImport.importInto(shop, dir);
        client = new ShopifyClient(new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop)), DOMAIN, TOKEN);
        rest = ShopifyClient.JSON.readTree(dir.resolve("orders.json").toFile()).get("orders").get(0);
    }

    @Test
    void orderReadsBackWithTheSameMeaning() {
        JsonNode order = client.query("query($id: ID!) { order(id: $id) { id legacyResourceId name email phone createdAt "
                + "displayFinancialStatus customer { id email } totalPriceSet { shopMoney { amount currencyCode } } "
                + "totalDiscountsSet { shopMoney { amount } } totalRefundedSet { shopMoney { amount } } "
                + "billingAddress { name city provinceCode countryCodeV2 } "
                + "lineItems(first: 10) { nodes { id sku quantity currentQuantity originalUnitPriceSet { shopMoney { amount } } } } "
                + "refunds(first: 5) { id note createdAt totalRefundedSet { shopMoney { amount currencyCode } } "
                + "refundLineItems(first: 10) { nodes { quantity restockType lineItem { id sku } } } "
                + "transactions(first: 5) { nodes { kind status gateway amountSet { shopMoney { amount } } } } } } }",
                Map.of("id", rest.get("admin_graphql_api_id").asText())).at("/data/order");

        assertThat(order.get("id").asText()).isEqualTo("gid://shopify/Order/450789469");
        assertThat(order.get("legacyResourceId").asText()).isEqualTo("450789469");
        assertThat(order.get("name").asText()).isEqualTo(rest.get("name").asText());
        assertThat(order.get("createdAt").asText()).isEqualTo(rest.get("created_at").asText());
        assertThat(order.get("displayFinancialStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(order.at("/customer/id").asText()).isEqualTo("gid://shopify/Customer/207119551");
        assertSameAmount(order.at("/totalPriceSet/shopMoney/amount"), rest.get("total_price"));
        assertSameAmount(order.at("/totalDiscountsSet/shopMoney/amount"), rest.get("total_discounts"));
        assertThat(order.at("/billingAddress/name").asText()).isEqualTo("Bob Norman");
        assertThat(order.at("/billingAddress/countryCodeV2").asText()).isEqualTo("US");
        assertThat(order.at("/lineItems/nodes")).hasSize(3);
        JsonNode refund = order.at("/refunds/0");
        assertThat(refund.get("id").asText()).isEqualTo("gid://shopify/Refund/509562969");
        assertThat(refund.get("note").asText()).isEqualTo("it broke during shipping");
        assertThat(refund.at("/refundLineItems/nodes")).hasSize(2);
        assertThat(refund.at("/refundLineItems/nodes/0/lineItem/sku").asText()).isEqualTo("IPOD2008BLACK");
        assertThat(refund.at("/refundLineItems/nodes/0/restockType").asText()).isEqualTo("LEGACY_RESTOCK");
        assertThat(refund.at("/transactions/nodes/0/kind").asText()).isEqualTo("REFUND");
        assertThat(refund.at("/transactions/nodes/0/status").asText()).isEqualTo("SUCCESS");
        assertSameAmount(refund.at("/transactions/nodes/0/amountSet/shopMoney/amount"), ShopifyClient.JSON.valueToTree("209.00"));
        assertSameAmount(refund.at("/totalRefundedSet/shopMoney/amount"), ShopifyClient.JSON.valueToTree("209.00"));
        assertSameAmount(order.at("/totalRefundedSet/shopMoney/amount"), ShopifyClient.JSON.valueToTree("209.00"));
        assertThat(order.at("/totalPriceSet/shopMoney/amount").asText()).isEqualTo("598.94");
        assertThat(order.at("/totalDiscountsSet/shopMoney/amount").asText()).isEqualTo("10.0");
    }

    @Test
    void customerAndProductReadBack() {
        JsonNode customer = client.query("{ customer(id: \"gid://shopify/Customer/207119551\") { email firstName state "
                + "tags defaultAddress { city provinceCode zip } } product(id: \"gid://shopify/Product/632910392\") "
                + "{ title handle tags variants(first: 10) { nodes { sku price compareAtPrice inventoryQuantity } } } }",
                Map.of()).at("/data");
        assertThat(customer.at("/customer/email").asText()).isEqualTo("bob.norman@hostmail.com");
        assertThat(customer.at("/customer/state").asText()).isEqualTo("DISABLED");
        assertThat(customer.at("/customer/defaultAddress/provinceCode").asText()).isEqualTo("KY");
        assertThat(customer.at("/product/handle").asText()).isEqualTo("ipod-nano");
        assertThat(customer.at("/product/tags")).hasSize(4);
        assertThat(customer.at("/product/variants/nodes/0/sku").asText()).isEqualTo("IPOD2008PINK");
        assertThat(customer.at("/product/variants/nodes/0/price").asText()).isEqualTo("199.00");
        assertThat(customer.at("/product/variants/nodes/0/compareAtPrice").isNull()).isTrue();
    }

    @Test
    void noteAttributesAreTheOrdersCustomAttributesAndPricesNameTheShopsCurrency() throws Exception {
        JsonNode data = client.query("{ shop { currencyCode } order(id: \"gid://shopify/Order/450789469\") { note "
                + "customAttributes { key value } } product(id: \"gid://shopify/Product/632910392\") { priceRangeV2 { "
                + "minVariantPrice { amount currencyCode } maxVariantPrice { amount currencyCode } } } }", Map.of()).at("/data");
        JsonNode noteAttributes = ShopifyClient.JSON.readTree(Fixtures.vendor("shopify").resolve("order.json").toFile())
                .at("/order/note_attributes");

        assertThat(data.at("/shop/currencyCode").asText()).isEqualTo("USD");
        assertThat(data.at("/order/customAttributes")).hasSize(noteAttributes.size());
        for (int i = 0; i < noteAttributes.size(); i++) {
            assertThat(data.at("/order/customAttributes/" + i + "/key").asText()).isEqualTo(noteAttributes.get(i).get("name").asText());
            assertThat(data.at("/order/customAttributes/" + i + "/value").asText()).isEqualTo(noteAttributes.get(i).get("value").asText());
        }
        assertThat(data.at("/product/priceRangeV2/minVariantPrice/currencyCode").asText()).isEqualTo("USD");
        assertSameAmount(data.at("/product/priceRangeV2/minVariantPrice/amount"), ShopifyClient.JSON.valueToTree("199.00"));
        assertSameAmount(data.at("/product/priceRangeV2/maxVariantPrice/amount"), ShopifyClient.JSON.valueToTree("199.00"));
    }

    @Test
    void importedOrderKeepsItsCustomer() {
        JsonNode orders = client.query("{ orders(first: 5, query: \"status:any\") { nodes { customer { id } "
                + "displayFinancialStatus } } }", Map.of());
        assertThat(orders.at("/data/orders/nodes")).hasSize(1);
        assertThat(orders.at("/data/orders/nodes/0/customer").isObject()).isTrue();
    }

    private static void assertSameAmount(JsonNode graphql, JsonNode rest) {
        assertThat(new BigDecimal(graphql.asText())).isEqualByComparingTo(new BigDecimal(rest.asText()));
    }
}
