package io.mekong.sandbox.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Page;
import io.mekong.connector.Reads;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingRegistry;
import io.mekong.mapping.MappingResult;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** connectors/woocommerce.yaml and the WooCommerce mappings against the simulator, over real HTTP with Basic keys. */
class WooCommerceSyncTest {

    private final FakeTime time = new FakeTime();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);

    private static ConnectionContext connection(SandboxHttpServer server, String secret) {
        return new ConnectionContext("woo-it", "ws1", "woocommerce",
                Map.of("baseUrl", server.baseUrl(), "consumerKey", WooTestStores.READ_KEY.consumerKey()),
                Map.of("consumerSecret", secret));
    }

    @Test
    void aFullReadFollowsTheLinkHeaderAndMapsEveryRecord() {
        WooStore store = WooTestStores.store(time, 30, 250, FaultPlan.NONE);
        try (SandboxHttpServer server = SandboxHttpServer.start(new WooCommerceSimulator(store, ""))) {
            ConnectionContext connection = connection(server, WooTestStores.READ_KEY.consumerSecret());

            List<Page> orders = Reads.readAll(engine, connection, "orders", null);
            List<Page> customers = Reads.readAll(engine, connection, "customers", null);

            assertThat(Reads.records(orders)).hasSize(250);
            assertThat(Reads.records(orders).stream().map(o -> o.get("id").asLong()).distinct()).hasSize(250);
            assertThat(orders).as("250 at 100 a page: 3 requests, the last one without rel=next").hasSize(3);
            assertThat(Reads.records(customers)).hasSize(30);
            // each order carries its notes, read one request per order from /orders/{id}/notes
            assertThat(Reads.records(orders)).allSatisfy(o -> assertThat(o.get("notes").isArray()).as("%s", o.get("id")).isTrue());
            JsonNode annotated = Reads.records(orders).stream().filter(o -> o.get("notes").size() > 0).findFirst().orElseThrow();
            assertThat(annotated.get("notes").toString())
                    .isEqualTo(store.notes(annotated.get("id").asLong()).orElseThrow().toString());

            MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                    Validation.buildDefaultValidatorFactory().getValidator());
            assertThat(mapping.map("woocommerce", "order", Reads.records(orders), Map.of()).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
            assertThat(mapping.map("woocommerce", "customer", Reads.records(customers), Map.of()).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
        }
    }

    @Test
    void theNextRunReadsOnlyOrdersModifiedSinceTheCheckpointMinusTheLookback() {
        WooStore store = WooTestStores.store(time, 10, 120, FaultPlan.NONE);
        try (SandboxHttpServer server = SandboxHttpServer.start(new WooCommerceSimulator(store, ""))) {
            ConnectionContext connection = connection(server, WooTestStores.READ_KEY.consumerSecret());
            List<Page> first = Reads.readAll(engine, connection, "orders", null);
            JsonNode checkpoint = first.get(first.size() - 1).checkpoint();

            time.sleep(Duration.ofDays(365));
            long changed = store.orders().get(7).get("id").asLong();
            store.addOrderNote(changed, "Khách đổi địa chỉ giao hàng", true);
            List<JsonNode> next = Reads.records(Reads.readAll(engine, connection, "orders", checkpoint));

            assertThat(next).extracting(o -> o.get("id").asLong()).contains(changed);
            assertThat(next).as("only what changed, and what the 2-minute lookback reads again").hasSizeLessThan(5);
        }
    }

    @Test
    void a429FromTheHostIsWaitedOutAsRetryAfterSays() {
        WooStore store = WooTestStores.store(time, 5, 30, FaultPlan.NONE.withThrottleEveryNth(2, 7));
        try (SandboxHttpServer server = SandboxHttpServer.start(new WooCommerceSimulator(store, ""))) {
            ConnectionContext connection = connection(server, WooTestStores.READ_KEY.consumerSecret());
            engine.fetch(connection, "orders", null, null);
            Page second = engine.fetch(connection, "customers", null, null);

            assertThat(second.records()).hasSize(5);
            assertThat(time.sleeps()).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void aWrongSecretIsRefusedWithWooCommercesOwnMessage() {
        try (SandboxHttpServer server = SandboxHttpServer.start(
                new WooCommerceSimulator(WooTestStores.store(time, 5, 5, FaultPlan.NONE), ""))) {
            assertThatThrownBy(() -> engine.fetch(connection(server, "cs_not_the_secret"), "orders", null, null))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("Consumer secret is invalid.")
                    .hasMessageNotContaining("cs_not_the_secret");
        }
    }
}
