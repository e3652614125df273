package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.http.QueryString;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auth.type: oauth2} through the whole engine, against a stub token endpoint and API over real HTTP. */
class OAuth2RenewalTest {

    private static final String SPEC = """
            name: shopfront
            connection:
              type: object
              required: [baseUrl, clientId, clientSecret]
              properties:
                baseUrl: {type: string}
                clientId: {type: string}
                clientSecret: {type: string, secret: true}
                accessToken: {type: string, secret: true}
                refreshToken: {type: string, secret: true}
                accessTokenExpiresAt: {type: string, secret: true}
            auth:
              type: oauth2
              grant: %s
              tokenUrl: "{{params.baseUrl}}/connect/token"
              clientId: "{{params.clientId}}"
              clientSecret: "{{secrets.clientSecret}}"
              clientAuth: %s
              %s
              scopes: [read_orders, read_customers]
            requester:
              baseUrl: "https://shop.example.vn"
            test:
              request: {path: /orders.json}
            streams:
              orders:
                entity: order
                request: {path: /orders.json}
                recordSelector: /orders
                paginator: {type: linkHeader}
            """;

    private static final String ORDERS = "{\"orders\":[{\"id\":1001}]}";

    private final FakeTime time = new FakeTime(); // 2025-06-01T00:00:00Z
    private final CredentialStore store = CredentialStore.inMemory();
    private final AtomicInteger issued = new AtomicInteger();
    private StubServer server;
    private ConnectorEngine engine;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** An API that accepts only the latest token issued; the token endpoint issues at-N (and rotates rt-N). */
    private void start(String grant, String clientAuth, Response refusal) throws IOException {
        String[] valid = {"at-0"};
        server = StubServer.answering(request -> {
            if (request.path().equals("/connect/token")) {
                if (refusal != null) {
                    return refusal;
                }
                int n = issued.incrementAndGet();
                valid[0] = "at-" + n;
                return Response.json(200, "{\"access_token\":\"at-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":3600"
                        + (grant.equals("refreshToken") ? ",\"refresh_token\":\"rt-" + n + "\"" : "") + "}");
            }
            return ("Bearer " + valid[0]).equals(request.header("Authorization")) ? Response.json(200, ORDERS)
                    : Response.json(401, "{\"errors\":\"[API] Invalid API key or access token\"}");
        });
        String refreshToken = grant.equals("refreshToken") ? "refreshToken: \"{{secrets.refreshToken}}\"" : "";
        engine = new ConnectorEngine(SpecFiles.registry(dir, "shopfront", SPEC.formatted(grant, clientAuth, refreshToken)),
                time, time, new InMemoryBudgetLedger(time), store);
    }

    private ConnectionContext connection(Map<String, String> tokens) {
        Map<String, String> secrets = new HashMap<>(tokens);
        secrets.put("clientSecret", "cs-1");
        return new ConnectionContext("c1", "ws1", "shopfront", Map.of("baseUrl", server.baseUrl(), "clientId", "app-7"), secrets);
    }

    private Map<String, String> stored() {
        return store.renew("c1", Map.of(), current -> null);
    }

    private static Map<String, String> form(StubServer.Request request) {
        return QueryString.parse(request.body()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void theRefreshTokenGrantRenewsATokenAboutToExpireAndStoresTheRotatedRefreshToken() throws IOException {
        start("refreshToken", "basic", null);

        Page page = engine.fetch(connection(Map.of("accessToken", "at-0", "refreshToken", "rt-0",
                "accessTokenExpiresAt", "2025-06-01T00:04:00Z")), "orders", null, null);

        assertThat(page.records()).hasSize(1);
        StubServer.Request token = server.requests().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.path()).isEqualTo("/connect/token");
        assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.header("Authorization")).as("RFC 6749 §2.3.1 HTTP Basic client authentication")
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("app-7:cs-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(form(token)).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "refresh_token",
                "refresh_token", "rt-0", "scope", "read_orders read_customers"));
        assertThat(server.requests().get(1).header("Authorization")).isEqualTo("Bearer at-1");
        assertThat(stored()).containsEntry("accessToken", "at-1").containsEntry("refreshToken", "rt-1")
                .containsEntry("accessTokenExpiresAt", "2025-06-01T01:00:00Z");
    }

    @Test
    void aTokenRefusedWith401IsRenewedOnceAndTheReadRetried() throws IOException {
        start("refreshToken", "basic", null);
        ConnectionContext stale = connection(Map.of("accessToken", "at-old", "refreshToken", "rt-0",
                "accessTokenExpiresAt", "2025-06-01T06:00:00Z"));

        Page page = engine.fetch(stale, "orders", null, null);

        assertThat(page.records()).hasSize(1);
        assertThat(server.requests()).extracting(StubServer.Request::path)
                .containsExactly("/orders.json", "/connect/token", "/orders.json");
        assertThat(stored()).containsEntry("accessToken", "at-1").containsEntry("refreshToken", "rt-1");
        engine.fetch(stale, "orders", null, null);
        assertThat(issued).as("a caller still holding the refused token gets the renewed one").hasValue(1);
    }

    @Test
    void theClientCredentialsGrantObtainsTheFirstTokenWithTheClientInTheForm() throws IOException {
        start("clientCredentials", "body", null);

        Page page = engine.fetch(connection(Map.of()), "orders", null, null);

        assertThat(page.records()).hasSize(1);
        StubServer.Request token = server.requests().get(0);
        assertThat(token.header("Authorization")).as("client_secret_post: no Basic header").isNull();
        assertThat(form(token)).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "client_credentials",
                "scope", "read_orders read_customers", "client_id", "app-7", "client_secret", "cs-1"));
        assertThat(stored()).containsEntry("accessToken", "at-1").doesNotContainKey("refreshToken");
        engine.fetch(connection(Map.of()), "orders", null, null);
        assertThat(issued).as("the stored token is used until it expires").hasValue(1);
    }

    @Test
    void aConnectionTestObtainsTheFirstTokenAsAReadWould() throws IOException {
        start("clientCredentials", "basic", null);

        TestResult result = engine.test(connection(Map.of()));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly("/connect/token", "/orders.json");
    }

    @Test
    void aRefusedRenewalNamesTheTokenUrlAndItsStatusAndKeepsTheStoredSecrets() throws IOException {
        start("refreshToken", "basic", Response.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked\"}"));

        assertThatThrownBy(() -> engine.fetch(connection(Map.of("accessToken", "at-old", "refreshToken", "rt-0")), "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopfront: token renewal was refused: shopfront: HTTP 400 from POST /connect/token: invalid_grant");
        assertThat(stored()).containsEntry("accessToken", "at-old").containsEntry("refreshToken", "rt-0");
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly("/orders.json", "/connect/token");
    }

    @Test
    void theRenewedSecretsMustBeDeclared() {
        String undeclared = SPEC.formatted("refreshToken", "basic", "refreshToken: \"{{secrets.refreshToken}}\"")
                .replace("    accessTokenExpiresAt: {type: string, secret: true}\n", "");
        assertThatThrownBy(() -> SpecFiles.registry(dir, "shopfront", undeclared))
                .hasMessageContaining("option 'auth': stores the renewed token in the secret 'accessTokenExpiresAt'");
        String clientCredentialsWithRefresh = SPEC.formatted("clientCredentials", "basic", "refreshToken: \"{{secrets.refreshToken}}\"");
        assertThatThrownBy(() -> SpecFiles.registry(dir, "shopfront", clientCredentialsWithRefresh))
                .hasMessageContaining("option 'auth.refreshToken': is for the refreshToken grant; clientCredentials needs none");
    }
}
