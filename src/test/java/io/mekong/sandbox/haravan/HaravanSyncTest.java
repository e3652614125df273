package io.mekong.sandbox.haravan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Page;
import io.mekong.connector.Reads;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingRegistry;
import io.mekong.mapping.MappingResult;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** connectors/haravan.yaml and the Haravan mappings against the simulator, over real HTTP with OAuth 2 tokens. */
class HaravanSyncTest {

    private final FakeTime time = new FakeTime(); // 2025-06-01T00:00:00Z
    private final CredentialStore credentials = CredentialStore.inMemory();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time,
            new InMemoryBudgetLedger(time), credentials);

    private HaravanSimulator simulator(int customers, int orders, FaultPlan faults) {
        return HaravanTestShops.simulator(time, Duration.ofHours(1), customers, orders, faults);
    }

    private static ConnectionContext connection(SandboxHttpServer server) {
        Map<String, String> secrets = new HashMap<>(Map.of("clientSecret", HaravanTestShops.APP.clientSecret(),
                "accessToken", HaravanTestShops.ACCESS_TOKEN, "refreshToken", HaravanTestShops.REFRESH_TOKEN,
                "accessTokenExpiresAt", "2025-06-01T01:00:00Z"));
        return new ConnectionContext("haravan-it", "ws1", "haravan", Map.of("baseUrl", server.baseUrl(),
                "authBaseUrl", server.baseUrl(), "clientId", HaravanTestShops.APP.clientId()), secrets);
    }

    @Test
    void aFullReadPagesUntilTheShortPageAndMapsEveryRecord() {
        try (SandboxHttpServer server = SandboxHttpServer.start(simulator(30, 130, FaultPlan.NONE))) {
            ConnectionContext connection = connection(server);
            List<Page> orders = Reads.readAll(engine, connection, "orders", null);
            List<Page> customers = Reads.readAll(engine, connection, "customers", null);

            assertThat(Reads.records(orders)).hasSize(130);
            assertThat(Reads.records(orders).stream().map(o -> o.get("id").asLong()).distinct()).hasSize(130);
            assertThat(orders).as("130 at 50 a page: 3 requests, the last one short").hasSize(3);
            assertThat(Reads.records(customers)).hasSize(30);

            MappingEngine mapping = new MappingEngine(new MappingRegistry(MappingRegistry.load(Path.of("mappings"))),
                    Validation.buildDefaultValidatorFactory().getValidator());
            assertThat(mapping.map("haravan", "order", Reads.records(orders), Map.of()).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
            assertThat(mapping.map("haravan", "customer", Reads.records(customers), Map.of()).results())
                    .allSatisfy(r -> assertThat(r).as("%s", r).isInstanceOf(MappingResult.Mapped.class));
        }
    }

    @Test
    void theNextRunReadsOnlyWhatChangedSinceTheCheckpoint() {
        HaravanSimulator simulator = simulator(10, 120, FaultPlan.NONE);
        try (SandboxHttpServer server = SandboxHttpServer.start(simulator)) {
            ConnectionContext connection = connection(server);
            List<Page> first = Reads.readAll(engine, connection, "orders", null);
            JsonNode checkpoint = first.get(first.size() - 1).checkpoint();

            time.sleep(Duration.ofMinutes(30));
            HaravanShop shop = simulator.shop(HaravanTestShops.ORG_ID);
            long cancelled = shop.orders().get(9).get("id").asLong();
            shop.cancelOrder(cancelled, "customer");
            List<JsonNode> next = Reads.records(Reads.readAll(engine, connection, "orders", checkpoint));

            // the newest order of the first run is read again inside the 2-minute lookback (the store finds it unchanged)
            assertThat(next).extracting(o -> o.get("id").asLong()).containsExactlyInAnyOrder(cancelled, 1_070_000_120L);
            assertThat(next).filteredOn(o -> o.get("id").asLong() == cancelled)
                    .allSatisfy(o -> assertThat(o.get("cancelled_status").asText()).isEqualTo("cancelled"));
        }
    }

    @Test
    void anExpiredTokenIsRenewedAndTheRotatedRefreshTokenStoredWhileTheSpentOneIsDead() {
        HaravanSimulator simulator = simulator(5, 10, FaultPlan.NONE);
        try (SandboxHttpServer server = SandboxHttpServer.start(simulator)) {
            ConnectionContext connection = connection(server);
            assertThat(engine.fetch(connection, "orders", null, null).records()).hasSize(10);

            time.sleep(Duration.ofHours(2));
            Page page = engine.fetch(connection, "customers", null, null);

            assertThat(page.records()).hasSize(5);
            Map<String, String> stored = credentials.renew("haravan-it", Map.of(), current -> null);
            assertThat(stored.get("refreshToken")).isNotBlank().isNotEqualTo(HaravanTestShops.REFRESH_TOKEN);
            assertThat(stored.get("accessToken")).isNotEqualTo(HaravanTestShops.ACCESS_TOKEN);
            assertThat(simulator.accounts().refreshTokenLive(HaravanTestShops.REFRESH_TOKEN)).isFalse();
            assertThat(simulator.accounts().refreshTokenLive(stored.get("refreshToken"))).isTrue();
        }
    }

    @Test
    void aFullLeakyBucketIsWaitedOutAsRetryAfterSays() {
        try (SandboxHttpServer server = SandboxHttpServer.start(simulator(5, 10, FaultPlan.NONE.withThrottleEveryNth(2, 2)))) {
            ConnectionContext connection = connection(server);
            engine.fetch(connection, "orders", null, null);
            assertThat(engine.fetch(connection, "customers", null, null).records()).hasSize(5);
            assertThat(time.sleeps()).contains(Duration.ofSeconds(2));
        }
    }
}
