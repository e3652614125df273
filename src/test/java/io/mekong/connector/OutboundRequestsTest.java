package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.StubServer.Response;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.egress.EgressGuard;
import io.mekong.connector.http.OutboundLimits;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15 item 1 over real HTTP: a connection cannot reach loopback, link-local or private addresses (by address or by
 * name) unless an admin allows them or they are the sandbox's own port, is never redirected to another host, and
 * never gets a foreign body or a resolved address back in an error text.
 */
class OutboundRequestsTest {

    /** A shop read by link header, with a test request: the vendor stand-in of the outbound tests. */
    static final String SPEC = """
            name: shop
            connection:
              type: object
              properties:
                baseUrl: {type: string}
            requester:
              baseUrl: "https://shop.example.vn"
              retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 10ms}
            streams:
              orders:
                entity: order
                request: {path: /orders}
                recordSelector: /orders
                paginator: {type: linkHeader}
            test:
              request: {path: /orders}
            """;
    private static final String LOOPBACK = "127.0.0.0/8";

    private final FakeTime time = new FakeTime();
    private final List<StubServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.forEach(StubServer::close);
    }

    private StubServer stub(Response response) throws IOException {
        StubServer server = StubServer.answering(request -> response);
        servers.add(server);
        return server;
    }

    private static int port(StubServer server) {
        return Integer.parseInt(server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1));
    }

    /** The hub's engine, with the guard it has in production; {@code hubPort} is where the sandbox is served. */
    private ConnectorEngine engine(List<String> allow, boolean sandbox, int hubPort) throws IOException {
        return new ConnectorEngine(SpecFiles.registry(dir, "shop", SPEC), time, time, new InMemoryBudgetLedger(time),
                CredentialStore.inMemory(), new EgressGuard(allow, Set.of(), sandbox, () -> hubPort), OutboundLimits.DEFAULT,
                Duration.ofSeconds(30));
    }

    private static ConnectionContext connection(String baseUrl) {
        return new ConnectionContext("c1", "ws1", "shop", Map.of("baseUrl", baseUrl), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d", "http://localhost:%d", "http://[::1]:%d", "http://[::ffff:127.0.0.1]:%d",
        "http://127.1.2.3:%d/api"})
    void aConnectionToLoopbackIsRefusedOnTheTestAndOnAReadWithoutSendingAnything(String baseUrl) throws IOException {
        StubServer server = stub(Response.json(200, "{\"orders\": [{\"id\": \"secret-record\"}]}"));
        ConnectorEngine engine = engine(List.of(), false, 0);
        ConnectionContext connection = connection(baseUrl.formatted(port(server)));

        TestResult test = engine.test(connection);

        assertThat(test.ok()).isFalse();
        assertThat(test.message()).contains("resolves to a loopback address; an admin may allow it with MEKONG_EGRESS_ALLOW");
        assertThatThrownBy(() -> engine.fetch(connection, "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("shop: GET ")
                .hasMessageContaining("resolves to a loopback address");
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/iam", "http://10.20.30.40:8080", "http://192.168.1.1",
        "http://172.16.5.4", "http://100.64.1.1", "http://[fd12::1]", "http://[fe80::1]", "http://0.0.0.0:80"})
    void aConnectionToAPrivateOrLinkLocalAddressIsRefusedBeforeAnyConnect(String baseUrl) throws IOException {
        TestResult test = engine(List.of(), true, 8080).test(connection(baseUrl));

        assertThat(test.ok()).isFalse();
        assertThat(test.message()).containsPattern("resolves to an? (private|link-local|shared \\(CGNAT\\)|unspecified) address")
                .contains("MEKONG_EGRESS_ALLOW");
    }

    @Test
    void anAdminMayAllowALoopbackRange() throws IOException {
        StubServer server = stub(Response.json(200, "{\"orders\": []}"));

        assertThat(engine(List.of(LOOPBACK), false, 0).test(connection(server.baseUrl())).ok()).isTrue();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void theSandboxsOwnPortIsReachableOnlyWhileTheSandboxIsOnAndOnlyUnderSandboxPaths() throws IOException {
        StubServer hub = stub(Response.json(200, "{\"orders\": []}"));
        StubServer other = stub(Response.json(200, "{\"orders\": []}"));
        String simulator = hub.baseUrl() + "/sandbox/shop";

        assertThat(engine(List.of(), true, port(hub)).test(connection(simulator)).ok()).isTrue();
        assertThat(engine(List.of(), true, port(hub)).test(connection(other.baseUrl() + "/sandbox/shop")).message())
                .as("another loopback port").contains("resolves to a loopback address");
        assertThat(engine(List.of(), false, port(hub)).test(connection(simulator)).message())
                .as("sandbox off").contains("resolves to a loopback address");
        for (String elsewhere : List.of(hub.baseUrl() + "/api", hub.baseUrl() + "/sandbox/../api",
                hub.baseUrl() + "/sandbox/..;/api", hub.baseUrl() + "/sandbox/%2e%2e/api")) {
            assertThat(engine(List.of(), true, port(hub)).test(connection(elsewhere)).message())
                    .as("the rest of the hub: %s", elsewhere).contains("resolves to a loopback address");
        }
        assertThat(hub.requests()).extracting(StubServer.Request::path).containsExactly("/sandbox/shop/orders");
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void aRedirectToAnotherHostIsRefusedNamingTheStatus() throws IOException {
        StubServer elsewhere = stub(Response.json(200, "{\"orders\": [{\"id\": \"internal\"}]}"));
        StubServer vendor = stub(new Response(302, Map.of("Location", elsewhere.baseUrl() + "/orders"), "", 0));
        ConnectorEngine engine = engine(List.of(LOOPBACK), false, 0);

        assertThatThrownBy(() -> engine.fetch(connection(vendor.baseUrl()), "orders", null, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("shop: HTTP 302 from GET /orders: redirect refused");
        assertThat(engine.test(connection(vendor.baseUrl())).message()).contains("HTTP 302").contains("redirect refused");
        assertThat(elsewhere.requests()).isEmpty();
    }

    @Test
    void aFailedAnswersBodyIsNeverEchoedOnlyTheStatusAndTheVendorsShortMessage() throws IOException {
        String secret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        StubServer html = stub(new Response(500, Map.of("Content-Type", "text/html"), "<html><pre>" + secret + "</pre></html>", 0));
        StubServer json = stub(Response.json(401, "{\"error\": \"invalid_token\", \"debug\": \"" + secret + "\"}"));
        StubServer plain = stub(new Response(403, Map.of("Content-Type", "text/plain"), secret, 0));
        StubServer noisy = stub(Response.json(400, "{\"message\": \"bad\\u0000request\\u001b[31m " + "x".repeat(1000) + "\"}"));
        ConnectorEngine engine = engine(List.of(LOOPBACK), false, 0);

        String fromHtml = engine.test(connection(html.baseUrl())).message();
        String fromJson = engine.test(connection(json.baseUrl())).message();
        String fromPlain = engine.test(connection(plain.baseUrl())).message();
        String fromNoisy = engine.test(connection(noisy.baseUrl())).message();

        assertThat(fromHtml).isEqualTo("shop: HTTP 500 from GET /orders: (a " + ("<html><pre>" + secret + "</pre></html>").length()
                + "-character text/html body without an error message, not shown)");
        assertThat(fromJson).isEqualTo("shop: HTTP 401 from GET /orders: invalid_token");
        assertThat(fromPlain).contains("HTTP 403").contains("text/plain body").doesNotContain("wJalr");
        assertThat(fromNoisy).startsWith("shop: HTTP 400 from GET /orders: bad request [31m xxx").endsWith("x…")
                .doesNotContain("\u0000").doesNotContain("\u001b");
        assertThat(fromNoisy.length()).isLessThan(360);
    }

    @Test
    void aConnectErrorSaysWhatHappenedWithoutTheAddressOrPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        TestResult test = engine(List.of(LOOPBACK), false, 0).test(connection("http://127.0.0.1:" + closed));

        assertThat(test.message()).isEqualTo("shop: connection refused on GET /orders");
    }
}
