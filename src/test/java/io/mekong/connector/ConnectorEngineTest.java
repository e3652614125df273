package io.mekong.connector;

import static io.mekong.connector.ShopifyStub.order;
import static io.mekong.connector.ShopifyStub.ordersPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectorEngineTest {

    private final FakeTime time = new FakeTime();
    private final ConnectorEngine engine = new ConnectorEngine(ShopifyStub.registry(), time, time);
    private StubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode checkpoint(String cursor) {
        return ShopifyStub.JSON.createObjectNode().put("cursor", cursor);
    }

    private static Map<String, String> twoPages() {
        Map<String, String> pages = new HashMap<>();
        pages.put(null, ordersPage(List.of(order("1", "2025-05-01T10:00:00-05:00"), order("2", "2025-05-01T14:30:00Z")), "c1"));
        pages.put("c1", ordersPage(List.of(order("3", "2025-04-01T00:00:00Z"), order("4", "2025-05-01T09:00:00Z"),
                order("3", "2025-04-01T00:00:00Z")), null));
        return pages;
    }

    @Test
    void readsAllPagesOfAFirstRunWithAMonotonicCheckpoint() throws IOException {
        server = ShopifyStub.serving(twoPages());
        ConnectionContext connection = ShopifyStub.connection(server);

        Page first = engine.fetch(connection, "orders", null, null);
        Page second = engine.fetch(connection, "orders", first.checkpoint(), first.nextPageToken());

        assertThat(first.records()).extracting(r -> r.get("name").asText()).containsExactly("#1", "#2");
        assertThat(first.hasMore()).isTrue();
        assertThat(first.checkpoint()).isEqualTo(checkpoint("2025-05-01T15:00:00Z")); // 10:00-05:00 is the latest
        assertThat(second.records()).extracting(r -> r.get("name").asText()).containsExactly("#3", "#4"); // duplicate #3 dropped
        assertThat(second.hasMore()).isFalse();
        assertThat(second.nextPageToken()).isNull();
        assertThat(second.checkpoint()).isEqualTo(checkpoint("2025-05-01T15:00:00Z")); // older records never move it back

        StubServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/admin/api/2025-10/graphql.json");
        assertThat(request.json().get("query").asText()).isEqualTo(ShopifyStub.registry().get("shopify").stream("orders").graphql().query());
        assertThat(request.json().get("variables").toString()).isEqualTo("{\"query\":null,\"first\":3,\"after\":null}");
        assertThat(server.requests().get(1).json().get("variables").toString()).isEqualTo("{\"query\":null,\"first\":3,\"after\":\"c1\"}");
    }

    @Test
    void anIncrementalRunFiltersFromTheCheckpointMinusLookbackOnEveryPage() throws IOException {
        server = ShopifyStub.serving(twoPages());
        ConnectionContext connection = ShopifyStub.connection(server);

        Page first = engine.fetch(connection, "orders", checkpoint("2025-05-01T16:00:00Z"), null);
        // the route commits page 1 and passes the newer checkpoint: the run's filter must not change
        engine.fetch(connection, "orders", checkpoint("2025-05-02T00:00:00Z"), first.nextPageToken());

        assertThat(server.requests()).extracting(r -> r.json().at("/variables/query").asText())
                .containsExactly("updated_at:>='2025-05-01T15:55:00Z' status:any", "updated_at:>='2025-05-01T15:55:00Z' status:any");
        assertThat(first.checkpoint()).isEqualTo(checkpoint("2025-05-01T16:00:00Z")); // records older than the checkpoint
    }

    @Test
    void aPageWithGraphqlErrorsFailsWithTheirMessages() throws IOException {
        server = StubServer.answering(r -> Response.json(200,
                "{\"errors\":[{\"message\":\"Access denied for orders field.\",\"extensions\":{\"code\":\"ACCESS_DENIED\"}}],\"data\":null}"));

        assertThatThrownBy(() -> engine.fetch(ShopifyStub.connection(server), "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopify: GraphQL errors from POST /admin/api/2025-10/graphql.json: Access denied for orders field.");
    }

    @Test
    void aResponseWithoutTheSelectedRecordsIsAnError() throws IOException {
        server = ShopifyStub.serving(Map.of());

        assertThatThrownBy(() -> engine.fetch(ShopifyStub.connection(server), "orders", null, null))
                .hasMessage("shopify: response of POST /admin/api/2025-10/graphql.json for stream orders has nothing at /data/orders/nodes");
    }

    @Test
    void refusesAnInvalidConnectionBeforeSendingAnything() throws IOException {
        server = ShopifyStub.serving(Map.of());
        ConnectionContext noToken = new ConnectionContext("c1", "w1", "shopify",
                Map.of("shop", "demo.myshopify.com", "baseUrl", server.baseUrl()), Map.of());

        assertThatThrownBy(() -> engine.fetch(noToken, "orders", null, null))
                .hasMessage("shopify: connection is invalid: secret 'accessToken' is required");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void testsAConnection() throws IOException {
        server = ShopifyStub.serving(Map.of());
        ConnectionContext good = ShopifyStub.connection(server);
        ConnectionContext badToken = new ConnectionContext("c2", "w1", "shopify", good.params(), Map.of("accessToken", "shpat_wrong"));

        assertThat(engine.test(good)).extracting(TestResult::ok, TestResult::message)
                .containsExactly(true, "connected to Shopify (POST /admin/api/2025-10/graphql.json)");
        assertThat(engine.test(badToken)).isEqualTo(TestResult.failed("shopify: HTTP 401 from POST /admin/api/2025-10/graphql.json: "
                + "[API] Invalid API key or access token (unrecognized login or wrong password)"));
        assertThat(server.requests().get(0).json().get("query").asText()).isEqualTo("{ shop { name currencyCode } }");
    }

    @Test
    void describesStreams() {
        assertThat(engine.streams("shopify")).containsExactlyInAnyOrder("customers", "orders", "products", "checkouts");
        assertThat(engine.entity("shopify", "products")).isEqualTo("product");
        assertThat(engine.secretKeys("shopify")).containsExactly("accessToken", "webhookSecret");
        assertThatThrownBy(() -> engine.entity("shopify", "refunds")).hasMessageContaining("has no stream 'refunds'");
        // the known connectors are whatever connectors/ holds, in name order
        assertThatThrownBy(() -> engine.streams("bigcommerce")).hasMessage("unknown connector 'bigcommerce' (known: "
                + new java.util.TreeSet<>(ShopifyStub.registry().names()) + ")");
    }
}
