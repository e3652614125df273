package io.mekong.sandbox.lazada;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Page;
import io.mekong.connector.Reads;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingRegistry;
import io.mekong.mapping.MappingResult;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.SimulatorResponse;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connectors/lazada.yaml and mappings/lazada/order.yaml against the Lazada simulator, over real HTTP. */
class LazadaSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> MAPPING_PARAMS = Map.of("currency", "VND", "defaultRegion", "VN");

    private final FakeTime time = new FakeTime();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
    private final MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
            Validation.buildDefaultValidatorFactory().getValidator());
    /** What the simulator answered, in order: Lazada's code ("0" for success), or the HTTP status of a failure. */
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private LazadaSeller seller;
    private SandboxHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(int orders, LazadaSimulator.Limits limits) {
        seller = LazadaTestShop.seller(time, orders);
        LazadaSimulator simulator = new LazadaSimulator(List.of(seller), limits, time);
        server = SandboxHttpServer.start((method, path, headers, body) -> {
            SimulatorResponse response = simulator.handle(method, path, headers, body);
            answers.add(response.status() == 200 ? code(response) : Integer.toString(response.status()));
            return response;
        });
    }

    private static String code(SimulatorResponse response) {
        try {
            return JSON.readTree(response.body()).path("code").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConnectionContext connection(String appSecret) {
        return new ConnectionContext("lazada-it", "ws1", "lazada",
                Map.of("appKey", LazadaTestShop.APP.appKey(), "baseUrl", server.baseUrl() + "/rest",
                        "authBaseUrl", server.baseUrl() + "/auth/rest"),
                Map.of("appSecret", appSecret, "accessToken", LazadaTestShop.ACCESS_TOKEN,
                        "refreshToken", LazadaTestShop.REFRESH_TOKEN));
    }

    private static List<Page> readAll(ConnectorEngine engine, ConnectionContext connection, JsonNode checkpoint) {
        return Reads.readAll(engine, connection, "orders", checkpoint);
    }

    private static List<JsonNode> records(List<Page> pages) {
        return Reads.records(pages);
    }

    private List<CanonicalOrder> mapped(List<JsonNode> records) {
        return mapping.map("lazada", "order", records, MAPPING_PARAMS).results().stream().map(r -> {
            assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class);
            return (CanonicalOrder) ((MappingResult.Mapped) r).record();
        }).toList();
    }

    @Test
    void aFullReadReturnsEverySeededOrderOnceWithItsItemRowsAndEveryOneMaps() {
        start(240, LazadaSimulator.Limits.DEFAULT);

        List<Page> pages = readAll(engine, connection(LazadaTestShop.APP.appSecret()), null);
        List<JsonNode> orders = records(pages);

        assertThat(pages).as("240 at 100 a page").hasSize(3);
        assertThat(orders).extracting(o -> o.get("order_id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(seller.orderIds());
        assertThat(orders).allSatisfy(o -> assertThat(o.get("order_items").size()).isEqualTo(o.get("items_count").asInt()));
        assertThat(orders.get(0).get("price").isNumber()).as("coerced").isTrue();
        List<CanonicalOrder> canonical = mapped(orders);
        assertThat(canonical).extracting(CanonicalOrder::status).contains("open", "closed", "cancelled");
        assertThat(canonical).allSatisfy(o -> {
            assertThat(o.currency()).isEqualTo("VND");
            assertThat(o.phone()).as("masked phones are no identity key").isNull();
            assertThat(o.customerExternalId()).as("the marketplace buyer id").matches("\\d{9}");
        });
        assertThat(pages.get(2).checkpoint().get("cursor").asText()).as("the latest updated_at, in UTC")
                .isEqualTo(orders.stream().map(o -> LazadaSeller.TIME.parse(o.get("updated_at").asText(),
                        Instant::from)).max(Comparator.naturalOrder()).orElseThrow().toString());
    }

    @Test
    void theNextRunReadsACancellationAndItMapsToCancelled() {
        start(120, LazadaSimulator.Limits.DEFAULT);
        ConnectionContext connection = connection(LazadaTestShop.APP.appSecret());
        List<Page> first = readAll(engine, connection, null);
        JsonNode checkpoint = first.get(first.size() - 1).checkpoint();
        String open = records(first).stream().filter(o -> o.get("statuses").toString().contains("pending"))
                .map(o -> o.get("order_id").asText()).findFirst().orElseThrow();

        time.sleep(Duration.ofHours(1));
        seller.cancel(open, "Out of Stock");
        List<JsonNode> changed = records(readAll(engine, connection, checkpoint));

        // the last order of the first run is read again (inside the 2-minute lookback; the store finds it unchanged),
        // then the one that changed, oldest first
        String last = records(first).get(records(first).size() - 1).get("order_id").asText();
        assertThat(changed).as("only what changed since the checkpoint minus the lookback")
                .extracting(o -> o.get("order_id").asText()).containsExactly(last, open);
        CanonicalOrder cancelled = mapped(changed).get(1);
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.cancelReason()).isEqualTo("Out of Stock");
        assertThat(cancelled.cancelledAt()).isEqualTo(time.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void anExpiredAccessTokenIsRenewedOnceThroughTheAuthHost() {
        start(30, LazadaSimulator.Limits.DEFAULT);
        ConnectionContext connection = connection(LazadaTestShop.APP.appSecret());
        time.sleep(LazadaSeller.ACCESS_TOKEN_LIFETIME.plusHours(1));

        Page page = engine.fetch(connection, "orders", null, null);
        engine.fetch(connection, "orders", null, null);

        assertThat(page.records()).hasSize(30);
        assertThat(seller.refreshes()).as("the refresh token is spent once; the next read uses the new token").isEqualTo(1);
    }

    @Test
    void aWrongAppSecretFailsWithLazadasOwnCodeAndNeverShowsTheSecret() {
        start(10, LazadaSimulator.Limits.DEFAULT);

        assertThatThrownBy(() -> engine.fetch(connection("not-the-app-secret"), "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("lazada: HTTP 200 from GET /rest/orders/get")
                .hasMessageContaining("IncompleteSignature: The request signature does not conform to platform standards")
                .hasMessageNotContaining("not-the-app-secret")
                .hasMessageNotContaining(LazadaTestShop.ACCESS_TOKEN);
        assertThat(seller.refreshes()).as("a bad signature is no expired token").isZero();
    }

    @Test
    void apiCallLimitAndServerErrorsAreWaitedOutAndRetried() {
        start(120, LazadaSimulator.Limits.DEFAULT.withFaults(FaultPlan.NONE.withThrottleEveryNth(3, 2.0).withFailEveryNth(5)));

        List<JsonNode> orders = records(readAll(engine, connection(LazadaTestShop.APP.appSecret()), null));

        assertThat(orders).extracting(o -> o.get("order_id").asText()).containsExactlyInAnyOrderElementsOf(seller.orderIds());
        assertThat(answers).as("throttled and failed calls happened, and were retried").contains("ApiCallLimit", "503");
    }

    @Test
    void pastTheOffsetCapTheRunSlidesUpdateAfterAndStillReadsEveryOrderOnce(@TempDir Path dir) throws IOException {
        start(450, LazadaSimulator.Limits.DEFAULT.withMaxOffset(200));
        // the shipped spec with only the cap lowered, so a small seed crosses it
        String spec = Files.readString(Path.of("connectors/lazada.yaml"));
        assertThat(spec).contains("maxOffset: 4500");
        Files.writeString(dir.resolve("lazada.yaml"), spec.replace("maxOffset: 4500", "maxOffset: 200"));
        ConnectorEngine capped = new ConnectorEngine(ConnectorRegistry.load(dir), time, time,
                new InMemoryBudgetLedger(time), CredentialStore.inMemory());

        List<JsonNode> orders = records(readAll(capped, connection(LazadaTestShop.APP.appSecret()), null));

        assertThat(orders.stream().map(o -> o.get("order_id").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(seller.orderIds());
    }
}
