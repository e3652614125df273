package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** connectors/stripe.yaml as shipped, against a peer answering like Stripe's list API. */
class StripeSpecTest {

    private final FakeTime time = new FakeTime();
    private final ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(Path.of("connectors")), time, time);
    private StubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ConnectionContext connection() {
        return new ConnectionContext("stripe-it", "ws1", "stripe", Map.of("baseUrl", server.baseUrl()),
                Map.of("secretKey", "sk_test_stripe_it"));
    }

    @Test
    void readsCustomersNewestFirstWithThePinnedVersionAndCheckpointsOnlyAtTheEnd() throws IOException {
        server = StubServer.answering(request -> Response.json(200, request.params().containsKey("starting_after")
                ? "{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":false,\"data\":[{\"id\":\"cus_A\",\"created\":1735689600}]}"
                : "{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":true,\"data\":[{\"id\":\"cus_C\",\"created\":1735776000},"
                + "{\"id\":\"cus_B\",\"created\":1735732800}]}"));

        Page first = engine.fetch(connection(), "customers", null, null);
        Page last = engine.fetch(connection(), "customers", first.checkpoint(), first.nextPageToken());

        StubServer.Request request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/customers");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk_test_stripe_it");
        assertThat(request.header("Stripe-Version")).isEqualTo("2025-03-31.basil");
        assertThat(request.params()).containsEntry("limit", "100").doesNotContainKey("created[gte]");
        assertThat(server.requests().get(1).params()).containsEntry("starting_after", "cus_B");
        assertThat(first.checkpoint()).as("newest first: no checkpoint before the run is read").isNull();
        assertThat(last.checkpoint().get("cursor").asText()).isEqualTo("2025-01-02T00:00:00Z");

        engine.fetch(connection(), "customers", last.checkpoint(), null);
        assertThat(server.requests().get(2).params()).as("created >= checkpoint - 10 minutes, in unix seconds")
                .containsEntry("created[gte]", Long.toString(1735776000L - 600));
    }

    @Test
    void anInvalidKeyFailsWithStripesMessage() throws IOException {
        server = StubServer.answering(request -> Response.json(401, "{\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Invalid API Key provided: sk_test_****_it\"}}"));

        assertThatThrownBy(() -> engine.fetch(connection(), "customers", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("stripe: HTTP 401 from GET /v1/customers: Invalid API Key provided: sk_test_****_it");
    }
}
