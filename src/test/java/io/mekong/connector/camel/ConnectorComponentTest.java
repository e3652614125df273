package io.mekong.connector.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Headers;
import io.mekong.connector.StubServer;
import io.mekong.connector.StubServer.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectorComponentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeTime time = new FakeTime();
    private StubServer server;
    private DefaultCamelContext camel;
    private ConnectionContext connection;

    private static String page(String after) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode products = body.putObject("data").putObject("products");
        products.putObject("pageInfo").put("hasNextPage", after == null).put("endCursor", after == null ? "p2" : null);
        products.putArray("nodes")
                .add(JSON.createObjectNode().put("id", after == null ? "gid://shopify/Product/1" : "gid://shopify/Product/2")
                        .put("updatedAt", after == null ? "2025-05-01T08:00:00+07:00" : "2025-05-01T02:00:00Z"));
        return body.toString();
    }

    @BeforeEach
    void start() throws Exception {
        server = StubServer.answering(r -> {
            JsonNode after = r.json().at("/variables/after");
            return Response.json(200, page(after.isTextual() ? after.asText() : null));
        });
        connection = new ConnectionContext("c1", "w1", "shopify",
                Map.of("shop", "demo.myshopify.com", "baseUrl", server.baseUrl()), Map.of("accessToken", "shpat_x"));
        ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
        camel = new DefaultCamelContext();
        camel.addComponent("connector", new ConnectorComponent(engine));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:products").to("connector:shopify/products");
                from("direct:fetch").to("connector:fetch");
                from("direct:batch").to("connector:shopify/products?minRecords=5");
                from("direct:loop").setHeader(Headers.HAS_MORE, constant(true))
                        .loopDoWhile(header(Headers.HAS_MORE))
                            .to("connector:shopify/products?readAhead=true")
                            .process(e -> e.getMessage().setHeader("ids", e.getMessage().getHeader("ids", "", String.class)
                                    + e.getMessage().getBody(List.class).stream()
                                            .map(r -> ((JsonNode) r).get("id").asText()).toList()))
                        .end();
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsOnePagePerExchangeAndHandsOnTokenAndCheckpoint() {
        ProducerTemplate producer = camel.createProducerTemplate();

        Exchange first = producer.request("direct:products", e -> e.getMessage().setHeader(Headers.CONNECTION, connection));
        assertThat(first.getException()).isNull();
        List<JsonNode> records = first.getMessage().getBody(List.class);
        assertThat(records).extracting(r -> r.get("id").asText()).containsExactly("gid://shopify/Product/1");
        assertThat(first.getMessage().getHeader(Headers.HAS_MORE, Boolean.class)).isTrue();
        assertThat(first.getMessage().getHeader(Headers.ENTITY)).isEqualTo("product");
        assertThat(first.getMessage().getHeader(Headers.CHECKPOINT_NEXT, JsonNode.class).toString()).isEqualTo("{\"cursor\":\"2025-05-01T01:00:00Z\"}");
        String token = first.getMessage().getHeader(Headers.PAGE_TOKEN, String.class);

        Exchange second = producer.request("direct:fetch", e -> {
            e.getMessage().setHeader(Headers.CONNECTION, connection);
            e.getMessage().setHeader(Headers.STREAM, "products");
            e.getMessage().setHeader(Headers.CHECKPOINT, "{\"cursor\":\"2025-05-01T01:00:00Z\"}");
            e.getMessage().setHeader(Headers.PAGE_TOKEN, token);
        });
        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getBody(List.class)).hasSize(1);
        assertThat(second.getMessage().getHeader(Headers.HAS_MORE, Boolean.class)).isFalse();
        assertThat(second.getMessage().getHeader(Headers.PAGE_TOKEN)).isNull();
        assertThat(second.getMessage().getHeader(Headers.CHECKPOINT_NEXT, JsonNode.class).toString()).isEqualTo("{\"cursor\":\"2025-05-01T02:00:00Z\"}");
        assertThat(server.requests()).extracting(r -> r.json().at("/variables/after").toString()).containsExactly("null", "\"p2\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void minRecordsGathersPagesIntoOneBatchWithTheLastPagesTokenAndCheckpoint() {
        Exchange batch = camel.createProducerTemplate().request("direct:batch",
                e -> e.getMessage().setHeader(Headers.CONNECTION, connection));

        assertThat(batch.getException()).isNull();
        assertThat((List<JsonNode>) batch.getMessage().getBody(List.class)).extracting(r -> r.get("id").asText())
                .containsExactly("gid://shopify/Product/1", "gid://shopify/Product/2");
        assertThat(batch.getMessage().getHeader(Headers.HAS_MORE, Boolean.class)).isFalse();
        assertThat(batch.getMessage().getHeader(Headers.CHECKPOINT_NEXT, JsonNode.class).toString())
                .isEqualTo("{\"cursor\":\"2025-05-01T02:00:00Z\"}");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void readAheadFetchesTheNextPageWhileTheRouteWorksAndNeverTwice() {
        Exchange loop = camel.createProducerTemplate().request("direct:loop",
                e -> e.getMessage().setHeader(Headers.CONNECTION, connection));

        assertThat(loop.getException()).isNull();
        assertThat(loop.getMessage().getHeader("ids", String.class))
                .isEqualTo("[gid://shopify/Product/1][gid://shopify/Product/2]");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void minRecordsMustBePositive() {
        assertThatThrownBy(() -> camel.getEndpoint("connector:shopify/products?minRecords=0"))
                .hasStackTraceContaining("minRecords must be at least 1");
    }

    @Test
    void refusesAConnectionOfAnotherSystemAndAMissingConnection() {
        ProducerTemplate producer = camel.createProducerTemplate();
        ConnectionContext magento = new ConnectionContext("c9", "w1", "magento", Map.of(), Map.of());

        assertThat(producer.request("direct:products", e -> e.getMessage().setHeader(Headers.CONNECTION, magento)).getException())
                .hasMessage("connector://shopify/products reads shopify, but connection c9 is a magento connection");
        assertThat(producer.request("direct:products", e -> { }).getException())
                .hasMessageContaining("header MekongConnection (a ConnectionContext) is required");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnknownStreamFailsWhenTheRouteIsAdded() {
        assertThatThrownBy(() -> camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refunds").to("connector:shopify/refunds");
            }
        })).hasStackTraceContaining("connector 'shopify' has no stream 'refunds' (streams: ");
    }
}
