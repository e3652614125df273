package io.mekong.sandbox.magento;

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
import io.mekong.mapping.canonical.CanonicalProduct;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ThrottlePlan;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** connectors/magento.yaml and the Magento mappings against the simulator, over real HTTP with OAuth 1.0a. */
class MagentoSyncTest {

    private static final MagentoStore.Integration INTEGRATION = new MagentoStore.Integration("ck_magento_it",
            "cs_magento_it", "at_magento_it", "ats_magento_it");

    private final FakeTime time = new FakeTime();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);

    private static ShopifyShop people() {
        ShopifyShop shop = new ShopifyShop(new ShopSettings("people.myshopify.com", "People", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), "shpat_people", ThrottlePlan.UNMETERED), java.time.Clock.systemUTC());
        ShopifySeed.populate(shop, 11L, new SeedSize(40, 10, 5));
        return shop;
    }

    private MagentoStore store(boolean repeatsLastPage) {
        MagentoStore store = new MagentoStore("default", INTEGRATION, repeatsLastPage, time);
        MagentoSeed.populate(store, people(), 7L, 20, 120);
        return store;
    }

    private static ConnectionContext connection(SandboxHttpServer server, String consumerSecret) {
        return new ConnectionContext("magento-it", "ws1", "magento",
                Map.of("baseUrl", server.baseUrl(), "consumerKey", INTEGRATION.consumerKey()),
                Map.of("consumerSecret", consumerSecret, "accessToken", INTEGRATION.accessToken(),
                        "accessTokenSecret", INTEGRATION.accessTokenSecret()));
    }

    private List<Page> readAll(ConnectionContext connection, String stream, JsonNode checkpoint) {
        return Reads.readAll(engine, connection, stream, checkpoint);
    }

    private static List<JsonNode> records(List<Page> pages) {
        return Reads.records(pages);
    }

    @ParameterizedTest(name = "a page past the end repeats the last page: {0}")
    @ValueSource(booleans = {true, false})
    void aFullReadReturnsEveryRecordOnceWhicheverWayTheStoreAnswersPastTheEnd(boolean repeatsLastPage) {
        MagentoStore store = store(repeatsLastPage);
        try (SandboxHttpServer server = SandboxHttpServer.start(new MagentoSimulator(List.of(store), time))) {
            ConnectionContext connection = connection(server, INTEGRATION.consumerSecret());

            List<Page> orders = readAll(connection, "orders", null);
            List<Page> customers = readAll(connection, "customers", null);

            assertThat(records(orders)).hasSize(120);
            assertThat(records(orders).stream().map(o -> o.get("entity_id").asLong()).distinct()).hasSize(120);
            assertThat(orders).as("120 at 50 a page: 3 requests, none past the end").hasSize(3);
            assertThat(records(customers)).hasSize(20);

            MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                    Validation.buildDefaultValidatorFactory().getValidator());
            assertThat(mapping.map("magento", "order", records(orders), Map.of()).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
            assertThat(mapping.map("magento", "customer", records(customers), Map.of()).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
        }
    }

    @Test
    void theNextRunReadsOnlyWhatChangedSinceTheCheckpointMinusTheLookback() {
        MagentoStore store = store(false);
        try (SandboxHttpServer server = SandboxHttpServer.start(new MagentoSimulator(List.of(store), time))) {
            ConnectionContext connection = connection(server, INTEGRATION.consumerSecret());
            List<Page> first = readAll(connection, "orders", null);
            JsonNode checkpoint = first.get(first.size() - 1).checkpoint();

            time.sleep(Duration.ofHours(1));
            store.updateOrder(5, order -> order.put("state", "complete").put("status", "complete"));
            List<JsonNode> changed = records(readAll(connection, "orders", checkpoint));

            // the last order of the first run is read again (inside the 2-minute lookback; the store will find it
            // unchanged), then the one that changed, oldest first
            assertThat(changed).extracting(o -> o.get("entity_id").asLong()).containsExactly(120L, 5L);
            assertThat(changed.get(1).get("state").asText()).isEqualTo("complete");
        }
    }

    @Test
    void aSweepListsEveryCustomerIdAndTheLookupFindsOnlyThoseStillThere() {
        MagentoStore store = store(false);
        try (SandboxHttpServer server = SandboxHttpServer.start(new MagentoSimulator(List.of(store), time))) {
            ConnectionContext connection = connection(server, INTEGRATION.consumerSecret());
            List<String> seeded = store.customers().stream().map(c -> c.get("id").asText()).toList();
            store.deleteCustomer(Long.parseLong(seeded.get(0)));

            java.util.Set<String> listed = engine.keys(connection, "customers", null);
            List<JsonNode> found = engine.lookup(connection, "customers", List.of(seeded.get(0), seeded.get(1), seeded.get(2)));

            assertThat(listed).containsExactlyInAnyOrderElementsOf(seeded.subList(1, seeded.size()));
            assertThat(found).extracting(c -> c.get("id").asText()).containsExactly(seeded.get(1), seeded.get(2));
            assertThat(found.get(0).has("email")).as("the lookup reads whole records").isTrue();
        }
    }

    @Test
    void productsAreReadWholeThenIncrementallyAndMapInTheConnectionsBaseCurrency() {
        MagentoStore store = store(false);
        try (SandboxHttpServer server = SandboxHttpServer.start(new MagentoSimulator(List.of(store), time))) {
            ConnectionContext connection = connection(server, INTEGRATION.consumerSecret());
            List<Page> first = readAll(connection, "products", null);
            List<JsonNode> products = records(first);

            assertThat(products).extracting(p -> p.get("id").asLong())
                    .containsExactlyInAnyOrderElementsOf(store.products().stream().map(p -> p.get("id").asLong()).toList());
            assertThat(store.orders()).as("every order line sells a product of the catalog").allSatisfy(o -> o.get("items")
                    .forEach(item -> assertThat(products).anyMatch(p -> p.get("id").asLong() == item.get("product_id").asLong())));
            MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                    Validation.buildDefaultValidatorFactory().getValidator());
            List<MappingResult> mapped = mapping.map("magento", "product", products, Map.of("baseCurrency", "VND")).results();
            assertThat(mapped).allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
            CanonicalProduct aoDai = mapped.stream().map(r -> (CanonicalProduct) ((MappingResult.Mapped) r).record())
                    .filter(p -> p.productType().equals("configurable")).findFirst().orElseThrow();
            assertThat(aoDai.variants()).isEmpty();
            assertThat((List<?>) aoDai.attributes().get("childIds")).hasSize(3)
                    .allSatisfy(id -> assertThat(products).anyMatch(p -> p.get("id").asText().equals(id)));

            time.sleep(Duration.ofHours(1));
            store.updateProduct(101, p -> p.put("price", 135000));
            List<JsonNode> changed = records(readAll(connection, "products", first.get(first.size() - 1).checkpoint()));

            assertThat(changed).extracting(p -> p.get("id").asLong()).contains(101L);
            assertThat(changed).filteredOn(p -> p.get("id").asLong() == 101L).first()
                    .satisfies(p -> assertThat(p.get("price").asLong()).isEqualTo(135000));
            assertThat(changed).as("only what changed, within the lookback").hasSizeLessThan(products.size());
        }
    }

    @Test
    void aWrongSecretIsRefusedWithMagentosOwnMessage() {
        try (SandboxHttpServer server = SandboxHttpServer.start(new MagentoSimulator(List.of(store(false)), time))) {
            assertThatThrownBy(() -> engine.fetch(connection(server, "not-the-secret"), "orders", null, null))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("magento: HTTP 401 from GET /rest/default/V1/orders")
                    .hasMessageContaining("The consumer isn't authorized to access %resources.")
                    .hasMessageNotContaining("not-the-secret");
        }
    }
}
