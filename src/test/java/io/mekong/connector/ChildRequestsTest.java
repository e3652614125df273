package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import io.mekong.connector.spec.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-record {@code children} requests, bounded in concurrency, over real HTTP. */
class ChildRequestsTest {

    private static final String SPEC = """
            name: shop
            connection:
              type: object
              properties:
                baseUrl: {type: string}
                apiKey: {type: string, secret: true}
            auth: {type: apiKey, in: header, name: X-Api-Key, value: "{{secrets.apiKey}}"}
            requester:
              baseUrl: "https://shop.example.vn"
              retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 10ms}
            streams:
              orders:
                entity: order
                request: {path: /orders}
                recordSelector: /
                paginator: {type: linkHeader}
                children:
                  - request:
                      path: "/orders/{{record.id}}/notes"
                      params: {customer: "{{record.customer.id}}"}
                    recordSelector: /
                    attachAs: notes
                    concurrency: 3
                    optional: %s
            """;

    private final FakeTime time = new FakeTime();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private StubServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String orders(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= count; i++) {
            json.append(i > 1 ? "," : "").append("{\"id\":\"").append(i == 7 ? "7 b" : Integer.toString(i))
                    .append("\",\"customer\":{\"id\":").append(100 + i).append("}}");
        }
        return json.append("]").toString();
    }

    /** Children answer after a short hold so requests overlap; the hold never decides an assertion's outcome. */
    private Page read(boolean optional, int orders, String failingPath) throws IOException {
        server = StubServer.answering(request -> {
            if (request.path().equals("/orders")) {
                return Response.json(200, orders(orders));
            }
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            if (request.path().equals(failingPath)) {
                return Response.json(500, "{\"message\":\"boom\"}");
            }
            return Response.json(200, "[{\"note\":\"for " + request.path() + " customer " + request.params().get("customer") + "\"}]");
        });
        ConnectorEngine engine = new ConnectorEngine(SpecFiles.registry(dir, "shop", SPEC.formatted(optional)), time, time);
        return engine.fetch(new ConnectionContext("c1", "ws1", "shop", Map.of("baseUrl", server.baseUrl()),
                Map.of("apiKey", "k-1")), "orders", null, null);
    }

    @Test
    void eachRecordGetsItsOwnChildRowsWithAtMostConcurrencyRequestsAtOnce() throws IOException {
        Page page = read(false, 10, null);

        assertThat(page.records()).hasSize(10);
        assertThat(page.records().get(0).at("/notes/0/note").asText()).isEqualTo("for /orders/1/notes customer 101");
        assertThat(page.records().get(6).at("/notes/0/note").asText()).as("percent-encoded: a raw space would make no URI at all")
                .isEqualTo("for /orders/7 b/notes customer 107");
        assertThat(server.requests()).hasSize(11).allSatisfy(r -> assertThat(r.header("X-Api-Key")).isEqualTo("k-1"));
        assertThat(mostInFlight.get()).as("bounded by concurrency").isBetween(1, 3);
        assertThat(page.missingDetails()).isEmpty();
    }

    @Test
    void anOptionalChildThatFailsLeavesItsRecordWithoutItAndIsCounted() throws IOException {
        Page page = read(true, 4, "/orders/2/notes");

        assertThat(page.records()).hasSize(4);
        assertThat(page.records().get(1).has("notes")).isFalse();
        assertThat(page.records().get(2).get("notes")).hasSize(1);
        assertThat(page.missingDetails()).containsExactly(Map.entry("notes", 1));
    }

    @Test
    void aRequiredChildThatFailsFailsThePage() {
        assertThatThrownBy(() -> read(false, 4, "/orders/3/notes")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("HTTP 500 from GET /orders/3/notes");
    }

    @Test
    void aChildRequestWithAnUnknownVariableIsRefusedWhenLoaded() {
        String spec = SPEC.formatted(false).replace("{{record.id}}", "{{recrd.id}}");
        assertThatThrownBy(() -> SpecFiles.registry(dir, "shop", spec)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("option 'streams.orders.children.0.request.path': refers to unknown variable {{recrd.id}}");
    }

    @Test
    void aChildRequestThatNamesNoRecordIsRefusedWhenLoaded() {
        String spec = SPEC.formatted(false).replace("\"/orders/{{record.id}}/notes\"", "/notes")
                .replace("\"{{record.customer.id}}\"", "all");
        assertThatThrownBy(() -> SpecFiles.registry(dir, "shop", spec)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("option 'streams.orders.children.0.request.path': must name the record");
    }
}
