package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import io.mekong.connector.auth.CredentialStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shopee-style short-lived access tokens renewed ahead of expiry and after a rejection, through the whole engine. */
class TokenRefreshTest {

    private static final String SPEC = """
            name: marketplace
            connection:
              type: object
              required: [baseUrl, partnerId, shopId, partnerKey, accessToken, refreshToken]
              properties:
                baseUrl: {type: string}
                partnerId: {type: string}
                shopId: {type: string}
                partnerKey: {type: string, secret: true}
                accessToken: {type: string, secret: true}
                refreshToken: {type: string, secret: true}
                accessTokenExpiresAt: {type: string, secret: true}
            auth:
              type: shopee
              partnerId: "{{params.partnerId}}"
              partnerKey: "{{secrets.partnerKey}}"
              accessToken: "{{secrets.accessToken}}"
              shopId: "{{params.shopId}}"
              refresh:
                path: /api/v2/auth/access_token/get
                body:
                  refresh_token: "{{secrets.refreshToken}}"
                  partner_id: "{{params.partnerId}}"
                  shop_id: "{{params.shopId}}"
                bodyNumbers: [partner_id, shop_id]
                refreshToken: /refresh_token
                expiresIn: /expire_in
                onErrors: [error_auth]
            requester:
              baseUrl: "https://partner.shopeemobile.com"
              errorEnvelope: {code: /error, message: /message}
            streams:
              orders:
                entity: order
                request:
                  path: /api/v2/order/get_order_list
                recordSelector: /response/order_list
                primaryKey: order_sn
                paginator: {type: cursorToken, cursorParam: cursor, nextCursor: /response/next_cursor, hasMore: /response/more}
            """;

    private static final String ORDERS = "{\"error\":\"\",\"response\":{\"more\":false,\"next_cursor\":\"\",\"order_list\":[{\"order_sn\":\"SN1\"}]}}";

    private final FakeTime time = new FakeTime();
    private final CredentialStore store = CredentialStore.inMemory();
    private final AtomicInteger refreshes = new AtomicInteger();
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

    private void shopee(String valid) throws IOException {
        shopee(valid, true);
    }

    /** A Shopee that accepts only {@code valid} as the access token and hands out tok-N on refresh (then valid, if it works). */
    private void shopee(String valid, boolean renewalWorks) throws IOException {
        String[] current = {valid};
        server = StubServer.answering(request -> {
            Map<String, String> query = request.params();
            if (request.path().endsWith("/auth/access_token/get")) {
                refreshes.incrementAndGet();
                String issued = "tok-" + refreshes.get();
                current[0] = renewalWorks ? issued : current[0];
                return Response.json(200, "{\"error\":\"\",\"access_token\":\"" + issued
                        + "\",\"refresh_token\":\"ref-" + refreshes.get() + "\",\"expire_in\":14400}");
            }
            return current[0].equals(query.get("access_token")) ? Response.json(200, ORDERS)
                    : Response.json(200, "{\"error\":\"error_auth\",\"message\":\"Invalid access_token.\"}");
        });
        engine = new ConnectorEngine(SpecFiles.registry(dir, "marketplace", SPEC), time, time,
                new io.mekong.connector.ratelimit.InMemoryBudgetLedger(time), store);
    }

    private ConnectionContext connection(String accessToken, String expiresAt) {
        Map<String, String> secrets = new HashMap<>(Map.of("partnerKey", "pk", "accessToken", accessToken, "refreshToken", "ref-0"));
        if (expiresAt != null) {
            secrets.put("accessTokenExpiresAt", expiresAt);
        }
        return new ConnectionContext("c1", "ws1", "marketplace",
                Map.of("baseUrl", server.baseUrl(), "partnerId", "2001", "shopId", "880011"), secrets);
    }


    @Test
    void aTokenAboutToExpireIsRenewedBeforeTheReadWithAPublicSignature() throws IOException {
        shopee("tok-1");

        Page page = engine.fetch(connection("tok-0", "2025-06-01T00:03:00Z"), "orders", null, null);

        assertThat(page.records()).hasSize(1);
        StubServer.Request refresh = server.requests().get(0);
        assertThat(refresh.path()).isEqualTo("/api/v2/auth/access_token/get");
        assertThat(refresh.method()).isEqualTo("POST");
        assertThat(refresh.json().toString()).isEqualTo("{\"refresh_token\":\"ref-0\",\"partner_id\":2001,\"shop_id\":880011}");
        assertThat(refresh.params()).containsKeys("partner_id", "timestamp", "sign").doesNotContainKeys("access_token", "shop_id");
        assertThat(server.requests().get(1).params()).containsEntry("access_token", "tok-1");
        assertThat(store.renew("c1", Map.of(), stored -> null)).containsEntry("accessToken", "tok-1")
                .containsEntry("refreshToken", "ref-1").containsEntry("accessTokenExpiresAt", "2025-06-01T04:00:00Z");
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndTheReadRetried() throws IOException {
        shopee("tok-1");
        ConnectionContext stale = connection("tok-0", null);

        Page page = engine.fetch(stale, "orders", null, null);

        assertThat(page.records()).hasSize(1);
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly(
                "/api/v2/order/get_order_list", "/api/v2/auth/access_token/get", "/api/v2/order/get_order_list");

        engine.fetch(stale, "orders", null, null);
        assertThat(refreshes).as("a caller still holding the replaced token gets the renewed one, no second refresh")
                .hasValue(1);
        assertThat(server.requests().get(3).params()).containsEntry("access_token", "tok-1");
    }

    @Test
    void aTokenRenewedByAnotherInstanceIsTakenFromTheStoreWithoutSpendingTheRefreshToken() throws IOException {
        shopee("tok-9");
        store.renew("c1", connection("tok-0", null).secrets(), stored -> Map.of("accessToken", "tok-9",
                "accessTokenExpiresAt", time.instant().plus(Duration.ofHours(4)).toString()));

        Page page = engine.fetch(connection("tok-0", null), "orders", null, null);

        assertThat(page.records()).hasSize(1);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void aTokenStillRejectedAfterRenewalFailsTheRead() throws IOException {
        shopee("tok-0-revoked", false);

        assertThatThrownBy(() -> engine.fetch(connection("tok-0", null), "orders", null, null))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("error_auth: Invalid access_token.");
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aTokenEndpointThatAnswersWithoutATokenFailsTheReadAndKeepsTheStoredSecrets() throws IOException {
        server = StubServer.answering(request -> Response.json(200, request.path().endsWith("/auth/access_token/get")
                ? "{\"error\":\"\",\"message\":\"\",\"request_id\":\"r1\"}"
                : "{\"error\":\"error_auth\",\"message\":\"Invalid access_token.\"}"));
        engine = new ConnectorEngine(SpecFiles.registry(dir, "marketplace", SPEC), time, time,
                new io.mekong.connector.ratelimit.InMemoryBudgetLedger(time), store);

        assertThatThrownBy(() -> engine.fetch(connection("tok-0", null), "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("token refresh by POST /api/v2/auth/access_token/get")
                .hasMessageContaining("returned no access token at /access_token");
        assertThat(store.renew("c1", Map.of(), stored -> null)).containsEntry("accessToken", "tok-0")
                .containsEntry("refreshToken", "ref-0");
    }
}
