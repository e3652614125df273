package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.mapping.canonical.CanonicalOrder;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MappingEngineTest {

    private static final Logger log = LoggerFactory.getLogger(MappingEngineTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ORDER = Path.of("mappings/shopify/order.examples/vnd-order-cod-paid-closed.input.json");

    private static MappingEngine engine;

    @BeforeAll
    static void loadMappings() {
        engine = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                Validation.buildDefaultValidatorFactory().getValidator());
    }

    @Test
    void badRecordsAreRejectedWithTheirReasonAndTheRestOfThePageMaps() throws IOException {
        ObjectNode good = order();
        ObjectNode noTotal = order();
        noTotal.remove("totalPriceSet");
        ObjectNode badLineCurrency = order();
        ((ObjectNode) badLineCurrency.at("/lineItems/nodes/1/originalUnitPriceSet/shopMoney")).put("currencyCode", "DONG");
        ObjectNode fractionalQuantity = order();
        ((ObjectNode) fractionalQuantity.at("/lineItems/nodes/0")).put("quantity", 1.5);
        ObjectNode badTimestamp = order();
        badTimestamp.put("processedAt", "yesterday");

        List<MappingResult> results = engine.map("shopify", "order",
                java.util.Arrays.asList(noTotal, good, badLineCurrency, JSON.getNodeFactory().textNode("x"),
                        fractionalQuantity, badTimestamp), Map.of()).results();

        assertThat(results).hasSize(6);
        assertThat(results.get(0)).isInstanceOfSatisfying(MappingResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo("totalMinor: must not be null");
            assertThat(r.externalId()).isEqualTo("5934112456789");
        });
        assertThat(results.get(1)).isInstanceOf(MappingResult.Mapped.class);
        assertThat(results.get(2)).isInstanceOfSatisfying(MappingResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("lines: $minor: 'DONG' is not an ISO 4217 currency code"));
        assertThat(results.get(3)).isInstanceOfSatisfying(MappingResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("record is not a JSON object"));
        assertThat(results.get(4)).isInstanceOfSatisfying(MappingResult.Rejected.class,
                r -> assertThat(r.reason()).startsWith("lines[0].quantity: Cannot coerce Floating-point value"));
        assertThat(results.get(5)).isInstanceOfSatisfying(MappingResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo("placedAt: $instant: 'yesterday' is not an ISO-8601 timestamp with offset");
            assertThat(r.externalId()).isEqualTo("5934112456789");
            assertThat(r.source()).isSameAs(badTimestamp);
        });
    }

    @Test
    void validationNamesNestedFields() throws IOException {
        ObjectNode order = order();
        ((ObjectNode) order.at("/lineItems/nodes/0")).remove("title");
        ((ObjectNode) order.at("/shippingAddress")).put("countryCodeV2", "vn");

        MappingResult result = engine.map("shopify", "order", List.of(order), Map.of()).results().get(0);

        assertThat(result).isInstanceOfSatisfying(MappingResult.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("lines[0].title: must not be blank; shippingAddress.countryCode: must be an ISO 3166-1 alpha-2 code"));
    }

    @Test
    void anUnknownMappingIsAWiringErrorNotARejection() {
        assertThatThrownBy(() -> engine.map("shopify", "invoice", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No mapping shopify/invoice");
    }

    /** Not a benchmark (bench/ has that); logs the rate so a regression to per-field evaluation is visible. */
    @Test
    void mapsAPageOfTwoThousandOrders() throws IOException {
        List<JsonNode> page = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ObjectNode order = order();
            order.put("id", "gid://shopify/Order/" + (1_000_000 + i));
            page.add(order);
        }
        engine.map("shopify", "order", page, Map.of()); // warm the JIT

        long start = System.nanoTime();
        MappedPage mapped = engine.map("shopify", "order", page, Map.of());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(mapped.results()).hasSize(2_000).allMatch(r -> r instanceof MappingResult.Mapped);
        assertThat(((CanonicalOrder) ((MappingResult.Mapped) mapped.results().get(1999)).record()).externalId()).isEqualTo("1001999");
        log.info("Mapped 2000 Shopify orders in {} ms ({} orders/s)", millis, millis == 0 ? "n/a" : 2_000_000 / millis);
    }

    private static ObjectNode order() throws IOException {
        return (ObjectNode) JSON.readTree(ORDER.toFile());
    }
}
