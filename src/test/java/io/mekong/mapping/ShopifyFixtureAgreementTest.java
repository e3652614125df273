package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The golden examples named "from-fixture-..." are GraphQL-shaped translations of Shopify's public REST samples.
 * This checks that their expected canonical values say what the REST samples say, so a translation slip cannot
 * pass as golden.
 */
class ShopifyFixtureAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("mappings/shopify/order.examples");

    private Path fixtures;

    @BeforeEach
    void locateFixtures() {
        fixtures = Fixtures.vendor("shopify");
    }

    @Test
    void partiallyRefundedOrderAgreesWithOrdersJsonAndRefundJson() throws IOException {
        JsonNode rest = read(fixtures.resolve("orders.json")).get("orders").get(0);
        JsonNode refund = read(fixtures.resolve("refund.json")).get("refund");
        JsonNode expected = read(EXAMPLES.resolve("from-fixture-orders-json-450789469-partially-refunded.expected.json"));

        assertSameOrder(expected, rest);
        assertThat(rest.get("financial_status").asText()).isEqualTo("partially_refunded");
        assertThat(refund.get("order_id").asText()).isEqualTo(rest.get("id").asText());

        long refunded = 0;
        for (JsonNode transaction : refund.get("transactions")) {
            refunded += cents(transaction.get("amount"));
        }
        assertThat(expected.get("refundedMinor").asLong()).isEqualTo(refunded);
        JsonNode canonicalRefund = expected.get("refunds").get(0);
        assertThat(canonicalRefund.get("externalId").asText()).isEqualTo(refund.get("id").asText());
        assertThat(canonicalRefund.get("amountMinor").asLong()).isEqualTo(refunded);
        assertThat(canonicalRefund.get("note").asText()).isEqualTo(refund.get("note").asText());
        assertThat(canonicalRefund.get("lines").findValuesAsText("lineExternalId"))
                .containsExactlyElementsOf(refund.get("refund_line_items").findValuesAsText("line_item_id"));
        assertThat(expected.get("phone").asText()).isEqualTo(rest.get("phone").asText());
    }

    @Test
    void authorizedOrderAgreesWithOrderJson() throws IOException {
        JsonNode rest = read(fixtures.resolve("order.json")).get("order");
        JsonNode expected = read(EXAMPLES.resolve("from-fixture-order-json-450789469-authorized.expected.json"));

        assertSameOrder(expected, rest);
        assertThat(rest.get("financial_status").asText()).isEqualTo("authorized");
        assertThat(expected.get("lines").findValuesAsText("externalId"))
                .containsExactlyElementsOf(rest.get("line_items").findValuesAsText("id"));
        for (int i = 0; i < rest.get("line_items").size(); i++) {
            assertThat(expected.get("lines").get(i).get("unitPriceMinor").asLong())
                    .isEqualTo(cents(rest.get("line_items").get(i).get("price")));
        }
        for (JsonNode attribute : rest.get("note_attributes")) {
            assertThat(expected.at("/attributes/customAttributes").get(attribute.get("name").asText()).asText())
                    .as("note attribute %s", attribute.get("name")).isEqualTo(attribute.get("value").asText());
        }
        assertThat(expected.get("sourceChannel").asText()).isEqualTo(rest.get("source_name").asText());
    }

    private static void assertSameOrder(JsonNode canonical, JsonNode rest) {
        assertThat(canonical.get("externalId").asText()).isEqualTo(rest.get("id").asText());
        assertThat(canonical.get("orderNumber").asText()).isEqualTo(rest.get("name").asText());
        assertThat(canonical.get("currency").asText()).isEqualTo(rest.get("currency").asText());
        assertThat(canonical.get("financialStatus").asText()).isEqualTo(rest.get("financial_status").asText());
        assertThat(canonical.get("email").asText()).isEqualTo(rest.get("email").asText());
        assertThat(canonical.get("customerExternalId").asText()).isEqualTo(rest.get("customer").get("id").asText());
        assertThat(canonical.get("totalMinor").asLong()).isEqualTo(cents(rest.get("total_price")));
        assertThat(canonical.get("subtotalMinor").asLong()).isEqualTo(cents(rest.get("subtotal_price")));
        assertThat(canonical.get("taxMinor").asLong()).isEqualTo(cents(rest.get("total_tax")));
        assertThat(canonical.get("discountMinor").asLong()).isEqualTo(cents(rest.get("total_discounts")));
        assertThat(canonical.get("status").asText()).isEqualTo(rest.get("cancelled_at").isNull()
                ? (rest.get("closed_at").isNull() ? "open" : "closed") : "cancelled");
    }

    /** USD amounts in the REST samples are decimal strings with two places. */
    private static long cents(JsonNode amount) {
        return new BigDecimal(amount.asText()).movePointRight(2).longValueExact();
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
