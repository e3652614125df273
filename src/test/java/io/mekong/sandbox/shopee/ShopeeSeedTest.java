package io.mekong.sandbox.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.shopify.ProductVariant;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The seed looks like a real Vietnamese Shopee shop of the same merchant, and shows buyers only as Shopee does. */
class ShopeeSeedTest {

    private final FakeTime time = new FakeTime();

    private static List<JsonNode> items(ObjectNode order) {
        return StreamSupport.stream(order.get("item_list").spliterator(), false).toList();
    }

    @Test
    void ordersCoverEveryStatusBothPaymentKindsSeveralLinesAndSeveralWindowsInVnd() {
        List<ObjectNode> orders = ShopeeSimulatorTest.shop(time, 200).orders();

        assertThat(orders).hasSize(200);
        assertThat(orders.stream().map(o -> o.get("order_status").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("UNPAID", "READY_TO_SHIP", "PROCESSED", "SHIPPED", "COMPLETED", "IN_CANCEL", "CANCELLED");
        assertThat(orders).anyMatch(o -> o.get("cod").asBoolean()).anyMatch(o -> !o.get("cod").asBoolean());
        assertThat(orders).anyMatch(o -> items(o).size() > 1);
        assertThat(orders).as("two models of one item in one order").anyMatch(o -> items(o).stream()
                .map(i -> i.get("item_id").asLong()).distinct().count() < items(o).size());
        assertThat(orders).allSatisfy(o -> assertThat(o.get("currency").asText()).isEqualTo("VND"));
        long oldest = orders.stream().mapToLong(o -> o.get("create_time").asLong()).min().orElseThrow();
        long newest = orders.stream().mapToLong(o -> o.get("update_time").asLong()).max().orElseThrow();
        assertThat(newest - oldest).as("more than three 15-day windows").isGreaterThan(45L * 86_400);
        assertThat(newest).isLessThanOrEqualTo(time.instant().getEpochSecond());
        assertThat(orders.stream().filter(o -> o.get("order_status").asText().equals("CANCELLED")))
                .allSatisfy(o -> assertThat(o.get("cancel_by").asText()).isIn("buyer", "seller", "system"))
                .allSatisfy(o -> assertThat(o.get("cancel_reason").asText()).isNotEmpty());
        assertThat(orders).allSatisfy(o -> assertThat(o.get("total_amount").asLong()).isPositive());
    }

    @Test
    void buyersAreMaskedAsShopeeMasksThemAndProductsCarryTheShopifySkus() {
        ShopifyShop people = ShopeeSimulatorTest.people();
        ShopeeShop shop = new ShopeeShop(1, "VN", "VND", "a", "r", ShopeeShop.Budget.DEFAULT, time);
        ShopeeSeed.populate(shop, people, 3L, 100, time.instant(), Duration.ofDays(60));
        Set<String> shopifySkus = people.read(() -> people.products().stream().flatMap(p -> p.variants.stream())
                .map((ProductVariant v) -> v.sku).collect(Collectors.toSet()));
        Set<String> emails = people.read(() -> people.customers().stream().filter(c -> c.email != null)
                .map(c -> c.email).collect(Collectors.toSet()));

        assertThat(shop.orders()).allSatisfy(o -> {
            JsonNode address = o.get("recipient_address");
            assertThat(address.get("name").asText()).matches("\\S\\*{6}\\S");
            assertThat(address.get("phone").asText()).matches("\\*{6}\\d{2}");
            assertThat(address.get("full_address").asText()).matches(".{1,2}\\*{6}");
            assertThat(o.get("buyer_username").asText()).matches("[a-z]+\\d{2}");
            assertThat(o.toString()).doesNotContain("@");
            emails.forEach(email -> assertThat(o.toString()).doesNotContain(email));
            items(o).forEach(i -> assertThat(i.get("model_sku").asText().isEmpty() ? i.get("item_sku").asText()
                    : i.get("model_sku").asText()).isIn(shopifySkus));
        });
        assertThat(shop.orders().stream().map(o -> o.at("/recipient_address/state").asText()))
                .anyMatch(state -> state.matches(".*[À-ỹ].*"));
    }
}
