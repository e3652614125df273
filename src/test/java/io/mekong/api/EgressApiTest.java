package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.StubServer;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 1 through the API, sandbox on: a merchant's connection reaches neither loopback (other than the
 * sandbox's own port), link-local nor private addresses, by address or by name, on {@code /test} or in a sync; and a
 * base URL with a query or fragment is refused at create and update.
 */
class EgressApiTest extends HubIntegrationTest {

    private StubServer internal;

    @BeforeEach
    void internalService() throws IOException {
        // stands for a service on the hub's own host: it would answer, were it ever asked
        internal = StubServer.answering(r -> StubServer.Response.json(200,
                "{\"data\": {\"orders\": {\"nodes\": [], \"pageInfo\": {\"hasNextPage\": false}}, \"shop\": {\"name\": \"internal\"}}}"));
    }

    @AfterEach
    void stopInternalService() {
        internal.close();
    }

    private int internalPort() {
        return Integer.parseInt(internal.baseUrl().substring(internal.baseUrl().lastIndexOf(':') + 1));
    }

    private void connection(String id, String baseUrl) {
        call("POST", "/api/connections", Map.of("id", id, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", baseUrl), "secrets", Map.of("accessToken", TOKEN)), 201);
    }

    @Test
    void theConnectionTestRefusesLoopbackLinkLocalAndPrivateAddressesButReachesTheSandbox() {
        Map<String, String> refused = Map.of(
                "egress-v4", "http://127.0.0.1:" + internalPort(),
                "egress-name", "http://localhost:" + internalPort() + "/admin",
                "egress-v6", "http://[::1]:" + internalPort(),
                "egress-metadata", "http://169.254.169.254/latest/meta-data",
                "egress-private", "http://10.1.2.3:8080");
        refused.forEach(this::connection);
        connection("egress-sandbox", shopBaseUrl());

        refused.forEach((id, baseUrl) -> {
            JsonNode result = call("POST", "/api/connections/" + id + "/test", null, 200);
            assertThat(result.get("ok").asBoolean()).as(baseUrl).isFalse();
            assertThat(result.get("message").asText()).as(baseUrl)
                    .containsPattern("resolves to an? (loopback|link-local|private) address; an admin may allow it with MEKONG_EGRESS_ALLOW");
        });
        assertThat(call("POST", "/api/connections/egress-sandbox/test", null, 200).get("ok").asBoolean()).isTrue();
        assertThat(internal.requests()).isEmpty();
    }

    @Test
    void aSyncOfAConnectionToLoopbackFailsWithTheRefusalAndReadsNothing() {
        connection("egress-sync", "http://localhost:" + internalPort() + "/sandbox/shopify/" + SHOP);
        long sync = call("POST", "/api/syncs", Map.of("connection", "egress-sync", "streams", List.of("orders")), 201)
                .get("id").asLong();

        JsonNode run = runToEnd(sync);

        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("error").asText()).contains("localhost resolves to a loopback address");
        assertThat(internal.requests()).isEmpty();
    }

    @Test
    void aBaseUrlWithAQueryOrFragmentIsA400NamingIt() {
        HttpResponse<String> query = send("POST", "/api/connections", Map.of("connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl() + "?x="), "secrets", Map.of("accessToken", TOKEN)),
                "admin", ADMIN_PASSWORD);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("parameter 'baseUrl' must not have a query");

        connection("egress-edit", shopBaseUrl());
        HttpResponse<String> fragment = send("PUT", "/api/connections/egress-edit", Map.of(
                "params", Map.of("shop", SHOP, "baseUrl", "https://evil.example/#"), "secrets", Map.of("accessToken", TOKEN)),
                "admin", ADMIN_PASSWORD);
        assertThat(fragment.statusCode()).isEqualTo(400);
        assertThat(fragment.body()).contains("parameter 'baseUrl' must not have a fragment");
    }
}
