package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auth.type: apiKey} in a header or in the query string, sent over real HTTP. */
class ApiKeyAuthTest {

    private static final String SPEC = """
            name: catalog
            connection:
              type: object
              properties:
                baseUrl: {type: string}
                apiKey: {type: string, secret: true}
            auth:
              type: apiKey
              in: %s
              name: %s
              value: "{{secrets.apiKey}}"
            requester:
              baseUrl: "https://catalog.example.vn"
            streams:
              products:
                entity: product
                request:
                  path: /products
                  params: {status: active}
                recordSelector: /products
                paginator: {type: linkHeader}
            """;

    @TempDir
    Path dir;

    private StubServer.Request readOnce(String in, String name) throws IOException {
        try (StubServer server = StubServer.answering(r -> Response.json(200, "{\"products\":[{\"id\":1}]}"))) {
            ConnectorEngine engine = new ConnectorEngine(SpecFiles.registry(dir, "catalog", SPEC.formatted(in, name)),
                    new FakeTime(), new FakeTime());
            Page page = engine.fetch(new ConnectionContext("c1", "ws1", "catalog", Map.of("baseUrl", server.baseUrl()),
                    Map.of("apiKey", "k-123")), "products", null, null);
            assertThat(page.records()).hasSize(1);
            return server.requests().get(0);
        }
    }

    @Test
    void aKeyInAHeader() throws IOException {
        StubServer.Request request = readOnce("header", "X-Api-Key");

        assertThat(request.header("X-Api-Key")).isEqualTo("k-123");
        assertThat(request.params()).doesNotContainKey("X-Api-Key");
    }

    @Test
    void aKeyInTheQueryAfterTheStreamsOwnParameters() throws IOException {
        StubServer.Request request = readOnce("query", "api_key");

        assertThat(request.query()).isEqualTo("status=active&api_key=k-123");
        assertThat(request.header("api_key")).isNull();
    }
}
