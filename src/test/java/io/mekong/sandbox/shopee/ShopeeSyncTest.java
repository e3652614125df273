package io.mekong.sandbox.shopee;

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
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.testing.Fixtures;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** connectors/shopee.yaml and mappings/shopee/order.yaml against the simulator, over real HTTP with v2 signatures. */
class ShopeeSyncTest {

    private static final int ORDERS = 150;
    private static final MappingEngine MAPPING = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
            Validation.buildDefaultValidatorFactory().getValidator());

    private final FakeTime time = new FakeTime();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
    private final ShopeeShop shop = ShopeeSimulatorTest.shop(time, ORDERS);
    private final SandboxHttpServer server = SandboxHttpServer.start(
            new ShopeeSimulator(ShopeeSimulatorTest.PARTNER, List.of(shop), time));

    @AfterEach
    void stop() {
        server.close();
    }

    private ConnectionContext connection(String partnerKey, String refreshToken) {
        return new ConnectionContext("shopee-it", "ws1", "shopee",
                Map.of("baseUrl", server.baseUrl(), "partnerId", 2_001_887, "shopId", (int) ShopeeSimulatorTest.SHOP_ID),
                Map.of("partnerKey", partnerKey, "accessToken", "access-token-1", "refreshToken", refreshToken));
    }

    private ConnectionContext connection() {
        return connection(ShopeeSimulatorTest.PARTNER.partnerKey(), "refresh-token-1");
    }

    private List<Page> readAll(ConnectionContext connection, JsonNode checkpoint) {
        return Reads.readAll(engine, connection, "orders", checkpoint);
    }

    private static List<JsonNode> records(List<Page> pages) {
        return Reads.records(pages);
    }

    private static List<MappingResult> map(List<JsonNode> records) {
        return MAPPING.map("shopee", "order", records, Map.of("defaultRegion", "VN")).results();
    }

    private static CanonicalOrder order(MappingResult result) {
        assertThat(result).as("%s", result).isInstanceOf(MappingResult.Mapped.class);
        return (CanonicalOrder) ((MappingResult.Mapped) result).record();
    }

    private Set<String> seeded() {
        return shop.orders().stream().map(o -> o.get("order_sn").asText()).collect(Collectors.toSet());
    }

    @Test
    void aFullReadWalksTheFifteenDayWindowsAndReturnsEverySeededOrderOnceCompletedAndMappable() {
        String started = time.instant().toString();
        List<Page> pages = readAll(connection(), null);
        List<JsonNode> records = records(pages);

        assertThat(records).hasSize(ORDERS);
        assertThat(records.stream().map(r -> r.get("order_sn").asText()).collect(Collectors.toSet())).isEqualTo(seeded());
        assertThat(pages.stream().filter(p -> !p.records().isEmpty()).count()).as("windows with orders").isGreaterThanOrEqualTo(4);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.has("item_list")).as("completed by get_order_detail").isTrue();
            assertThat(r.at("/escrow/order_income").isObject()).as("escrow attached").isTrue();
        });
        List<CanonicalOrder> orders = map(records).stream().map(ShopeeSyncTest::order).toList();
        assertThat(orders).extracting(CanonicalOrder::status).contains("open", "closed", "cancelled");
        assertThat(orders).allSatisfy(o -> {
            assertThat(o.phone()).as("masked phones are no identity").isNull();
            assertThat(o.email()).isNull();
            assertThat(o.customerExternalId()).matches("\\d+");
            assertThat(o.lines()).allSatisfy(l -> assertThat(l.sku()).startsWith("MK-"));
        });
        assertThat(pages.get(pages.size() - 1).checkpoint().get("cursor").asText()).as("read up to when the run started")
                .isEqualTo(started);
    }

    @Test
    void anIncrementalRunAfterTheSellerCancelsAnOrderReadsItCancelled() {
        List<Page> first = readAll(connection(), null);
        JsonNode checkpoint = first.get(first.size() - 1).checkpoint();
        String sn = shop.orders().stream().filter(o -> o.get("order_status").asText().equals("READY_TO_SHIP"))
                .findFirst().orElseThrow().get("order_sn").asText();

        time.sleep(Duration.ofHours(1));
        shop.cancelOrder(sn, "Out of Stock");
        List<JsonNode> changed = records(readAll(connection(), checkpoint));

        assertThat(changed).extracting(r -> r.get("order_sn").asText()).containsExactly(sn);
        CanonicalOrder cancelled = order(map(changed).get(0));
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.cancelReason()).isEqualTo("Out of Stock");
        assertThat(cancelled.cancelledAt()).isEqualTo(time.instant());
    }

    @Test
    void anExpiredAccessTokenIsRenewedOnceThroughTheTokenEndpointAndTheReadGoesOn() {
        time.sleep(Duration.ofHours(5));

        List<JsonNode> records = records(readAll(connection(), null));

        assertThat(records).hasSize(ORDERS);
        assertThat(shop.refreshes()).as("one renewal for the whole run").isEqualTo(1);
        assertThatThrownBy(() -> engine.fetch(new ConnectionContext("another", "ws1", "shopee", connection().params(),
                connection().secrets()), "orders", null, null))
                .as("the refresh token it was given is spent")
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("error_auth: Invalid refresh_token.");
    }

    @Test
    void aWrongPartnerKeyFailsWithShopeesSignErrorAndNeverShowsTheKey() {
        assertThatThrownBy(() -> engine.fetch(connection("not-the-partner-key", "refresh-token-1"), "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopee: HTTP 403 from GET /api/v2/order/get_order_list: error_sign: Wrong sign.")
                .hasMessageNotContaining("not-the-partner-key");
        assertThat(shop.refreshes()).as("a wrong sign is no reason to renew the token").isZero();
    }

    @Test
    void throttledAndFailingCallsAreRetriedAndNothingIsLost() {
        ShopeeShop tight = new ShopeeShop(ShopeeSimulatorTest.SHOP_ID, "VN", "VND", "access-token-1", "refresh-token-1",
                new ShopeeShop.Budget(2, 1), time);
        ShopeeSeed.populate(tight, ShopeeSimulatorTest.people(), 7L, ORDERS, time.instant(), Duration.ofDays(60));
        tight.faults(FaultPlan.NONE.withFailEveryNth(7));
        try (SandboxHttpServer throttling = SandboxHttpServer.start(
                new ShopeeSimulator(ShopeeSimulatorTest.PARTNER, List.of(tight), time))) {
            ConnectionContext connection = new ConnectionContext("shopee-tight", "ws1", "shopee",
                    Map.of("baseUrl", throttling.baseUrl(), "partnerId", 2_001_887, "shopId", (int) ShopeeSimulatorTest.SHOP_ID),
                    connection().secrets());

            List<JsonNode> records = records(readAll(connection, null));

            assertThat(tight.throttled()).as("the shop did refuse calls over its budget").isPositive();
            assertThat(records).hasSize(ORDERS);
            assertThat(records.stream().map(r -> r.get("order_sn").asText()).distinct().count()).isEqualTo(ORDERS);
        }
    }

    @Test
    void shopeesInvalidSampleAsADetailAnswerSendsThoseOrdersToDeadLettersNamingTheProblem() throws IOException {
        shop.answerOrderDetailWith(Files.readString(Fixtures.vendor("shopee").resolve("get_order_detail.response.vendor-verbatim.txt")));

        List<JsonNode> records = records(readAll(connection(), null));
        List<MappingResult> results = map(records);

        assertThat(records).as("no order lost: each comes as listed").hasSize(ORDERS);
        assertThat(results).allSatisfy(r -> {
            assertThat(r).isInstanceOf(MappingResult.Rejected.class);
            assertThat(((MappingResult.Rejected) r).reason()).contains("was listed but its detail could not be read: "
                    + "shopee: detail response of GET /api/v2/order/get_order_detail for stream orders is not JSON: "
                    + "Unexpected character ('{' (code 123)): was expecting double-quote to start field name at line 2 column");
            assertThat(r.externalId()).isNotNull();
        });
    }
}
