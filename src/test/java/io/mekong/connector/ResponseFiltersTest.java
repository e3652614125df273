package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code responseFilters} on the requester, a stream and a details block, and optional details, over real HTTP. */
class ResponseFiltersTest {

    private static final String SPEC = """
            name: shop
            connection:
              type: object
              properties:
                baseUrl: {type: string}
            requester:
              baseUrl: "https://shop.example.vn"
              retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 10ms}
              responseFilters:
                - status: [403]
                  action: fail
                  message: "the app lacks the read_orders scope"
                - body: {pointer: /error/code, equals: rate_limited}
                  action: retry
            streams:
              orders:
                entity: order
                request: {path: /orders}
                recordSelector: /orders
                paginator: {type: linkHeader}
                responseFilters:
                  - status: [404]
                    action: ignore
                details:
                  - request: {path: /notes}
                    idsParam: ids
                    recordSelector: /notes
                    matchField: order_id
                    attachAs: notes
                    optional: %s
                    responseFilters:
                      - status: [410]
                        action: ignore
            """;

    private static final String ORDERS = "{\"orders\":[{\"id\":\"1\"},{\"id\":\"2\"}]}";

    private final FakeTime time = new FakeTime();
    private StubServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Page read(boolean optionalNotes, Function<StubServer.Request, Response> script) throws IOException {
        server = StubServer.answering(script);
        ConnectorEngine engine = new ConnectorEngine(SpecFiles.registry(dir, "shop", SPEC.formatted(optionalNotes)), time, time);
        return engine.fetch(new ConnectionContext("c1", "ws1", "shop", Map.of("baseUrl", server.baseUrl()), Map.of()),
                "orders", null, null);
    }

    private static Response notes(StubServer.Request request) {
        return Response.json(200, "{\"notes\":[{\"order_id\":\"1\",\"text\":\"gift\"},{\"order_id\":\"2\",\"text\":\"\"}]}");
    }

    @Test
    void aStreamFilterIgnoresA404AsAnEmptyPage() throws IOException {
        Page page = read(false, r -> Response.json(404, "{\"errors\":\"Not Found\"}"));

        assertThat(page.records()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aRequesterFilterFailsWithItsMessage() throws IOException {
        assertThatThrownBy(() -> read(false, r -> Response.json(403, "{\"errors\":\"Forbidden\"}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shop: HTTP 403 from GET /orders: the app lacks the read_orders scope");
        assertThat(server.requests()).as("a fail filter is not retried").hasSize(1);
    }

    @Test
    void aBodyPredicateRetriesA200UnderTheRetryPolicy() throws IOException {
        Page page = read(false, r -> r.path().equals("/notes") ? notes(r) : server.requests().size() == 1
                ? Response.json(200, "{\"error\":{\"code\":\"rate_limited\"},\"orders\":[]}") : Response.json(200, ORDERS));

        assertThat(page.records()).hasSize(2);
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly("/orders", "/orders", "/notes");
    }

    @Test
    void aBodyPredicateStillMatchingAfterTheLastAttemptFailsTheRead() throws IOException {
        assertThatThrownBy(() -> read(false, r -> Response.json(200, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}")))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("shop: HTTP 200 from GET /orders");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aDetailsFilterIgnoresItsOwnStatusAndTheRecordsStayAsListed() throws IOException {
        Page page = read(false, r -> r.path().equals("/notes") ? Response.json(410, "{}") : Response.json(200, ORDERS));

        assertThat(page.records()).hasSize(2).allSatisfy(r -> assertThat(r.has("notes")).isFalse());
        assertThat(page.missingDetails()).as("ignored is an empty answer, not a failure").isEmpty();
    }

    @Test
    void anOptionalDetailThatFailsLeavesTheRecordsWithoutItAndCountsThem() throws IOException {
        Page page = read(true, r -> r.path().equals("/notes") ? Response.json(500, "{\"errors\":\"boom\"}") : Response.json(200, ORDERS));

        assertThat(page.records()).hasSize(2).allSatisfy(r -> assertThat(r.has("notes")).isFalse());
        assertThat(page.missingDetails()).containsExactly(Map.entry("notes", 2));
        assertThat(server.requests()).as("retried first").hasSize(1 + 3);
    }

    @Test
    void aRequiredDetailThatFailsFailsThePage() throws IOException {
        assertThatThrownBy(() -> read(false, r -> r.path().equals("/notes") ? Response.json(403, "{}") : Response.json(200, ORDERS)))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("HTTP 403 from GET /notes");
    }

    @Test
    void anOptionalDetailFailedByAFilterIsCountedToo() throws IOException {
        Page page = read(true, r -> r.path().equals("/notes") ? Response.json(403, "{}") : Response.json(200, ORDERS));

        assertThat(page.missingDetails()).containsExactly(Map.entry("notes", 2));
    }
}
