package io.mekong.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.canonical.CanonicalProduct;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MappingComponentTest {

    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() throws Exception {
        MappingEngine engine = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                Validation.buildDefaultValidatorFactory().getValidator());
        camel.addComponent("mapping", new MappingComponent(engine));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:products").to("mapping:shopify/product");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void mapsTheBodyWithTheConnectionParamsFromTheHeader() throws Exception {
        JsonNode product = new ObjectMapper().readTree(
                Path.of("mappings/shopify/product.examples/usd-shop-product.input.json").toFile());
        ConnectionContext connection = new ConnectionContext("c1", "w1", "shopify",
                Map.of("shop", "carter-coffee.myshopify.com", "currency", "USD"), Map.of("accessToken", "shpat_x"));

        MappedPage page = camel.createProducerTemplate().requestBodyAndHeader("direct:products", List.of(product),
                MappingComponent.CONNECTION_HEADER, connection, MappedPage.class);

        assertThat(page.entity()).isEqualTo("product");
        assertThat(page.results()).singleElement().isInstanceOfSatisfying(MappingResult.Mapped.class, mapped -> {
            CanonicalProduct canonical = (CanonicalProduct) mapped.record();
            assertThat(canonical.variants().get(0).priceMinor()).isEqualTo(2499L);
            assertThat(canonical.variants().get(0).currency()).isEqualTo("USD");
        });
    }

    @Test
    void anEndpointForAnUnknownMappingFailsWhenTheRouteIsAdded() {
        assertThatThrownBy(() -> camel.getEndpoint("mapping:shopify/invoice"))
                .hasStackTraceContaining("No mapping shopify/invoice");
        assertThatThrownBy(() -> camel.getEndpoint("mapping:shopify"))
                .hasStackTraceContaining("Expected mapping:<system>/<entity>");
    }
}
