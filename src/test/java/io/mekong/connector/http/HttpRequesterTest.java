package io.mekong.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.ConnectorException;
import io.mekong.connector.FakeTime;
import io.mekong.connector.StubServer;
import io.mekong.connector.StubServer.Response;
import io.mekong.connector.ratelimit.RateLimiter;
import io.mekong.connector.spec.RetrySpec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRequesterTest {

    static final String OK = "{\"data\":{\"shop\":{\"name\":\"Demo\"}}}";
    static final RetrySpec RETRY = new RetrySpec(4, Duration.ofMillis(500), Duration.ofSeconds(30), null);

    private final FakeTime time = new FakeTime();
    private StubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResult call(BiFunction<StubServer.Request, Integer, Response> script, RetrySpec retry, Duration readTimeout) throws IOException {
        return call(script, retry, readTimeout, null);
    }

    /** @param longestWait the longest Retry-After waited out in place (a target's write), or null for any (a read) */
    private HttpResult call(BiFunction<StubServer.Request, Integer, Response> script, RetrySpec retry, Duration readTimeout,
                            Duration longestWait) throws IOException {
        server = new StubServer(script);
        ErrorHandler errors = new DefaultErrorHandler(retry);
        HttpRequester requester = new HttpRequester("shopify", HttpTransport.unguarded(Duration.ofSeconds(5)), readTimeout, errors,
                new RetryPolicy(retry, errors, time, longestWait), RateLimiter.NONE, time);
        HttpCall call = new HttpCall("POST", URI.create(server.baseUrl() + "/admin/api/2025-10/graphql.json"),
                Map.of("Content-Type", "application/json"), "{\"query\":\"{ shop { name } }\"}", Set.of())
                .withHeader("X-Shopify-Access-Token", "shpat_secret", true);
        return requester.execute(call, "test");
    }

    private HttpResult call(BiFunction<StubServer.Request, Integer, Response> script) throws IOException {
        return call(script, RETRY, Duration.ofSeconds(10));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOn429() throws IOException {
        HttpResult result = call((r, i) -> i == 0
                ? Response.json(429, "{\"errors\":\"Exceeded 2 calls per second for api client.\"}").withHeader("Retry-After", "2.5")
                : Response.json(200, OK));

        assertThat(result.status()).isEqualTo(200);
        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(2500));
        assertThat(server.requests().get(1).header("X-Shopify-Access-Token")).isEqualTo("shpat_secret");
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitEndsTheRequestAtOnceCarryingTheWait() {
        assertThatThrownBy(() -> call((r, i) -> Response.json(503, "{\"errors\":\"Service unavailable\"}")
                .withHeader("Retry-After", "600"), RETRY, Duration.ofSeconds(10), Duration.ofSeconds(30)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopify: HTTP 503 from POST /admin/api/2025-10/graphql.json: asks to retry after 600 s,"
                        + " longer than the 30 s waited in place: Service unavailable")
                .satisfies(e -> {
                    assertThat(((ConnectorException) e).status()).isEqualTo(503);
                    assertThat(((ConnectorException) e).retryAfter()).isEqualTo(Duration.ofSeconds(600));
                });
        assertThat(server.requests()).as("no attempt after the long Retry-After").hasSize(1);
        assertThat(time.sleeps()).as("nothing waited in place").isEmpty();
    }

    @Test
    void aRetryAfterGivenAsADateIsCappedAsWell() {
        assertThatThrownBy(() -> call((r, i) -> Response.json(429, "{\"errors\":\"Too many requests\"}")
                        .withHeader("Retry-After", "Sun, 01 Jun 2025 01:00:00 GMT"), RETRY, Duration.ofSeconds(10),
                Duration.ofSeconds(30)))
                .isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).retryAfter()).isEqualTo(Duration.ofHours(1)));
        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aRetryAfterWithinTheLongestWaitIsWaitedOutInPlace() throws IOException {
        HttpResult result = call((r, i) -> i == 0
                ? Response.json(503, "{\"errors\":\"Service unavailable\"}").withHeader("Retry-After", "30")
                : Response.json(200, OK), RETRY, Duration.ofSeconds(10), Duration.ofSeconds(30));

        assertThat(result.status()).isEqualTo(200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void withoutALongestWaitAnyRetryAfterIsWaitedOutAsReadsDo() throws IOException {
        HttpResult result = call((r, i) -> i == 0
                ? Response.json(503, "{\"errors\":\"Service unavailable\"}").withHeader("Retry-After", "600")
                : Response.json(200, OK));

        assertThat(result.status()).isEqualTo(200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(600));
    }

    @Test
    void eachAttemptIsSignedAnewSoARetryNeverResendsAnExpiredTimestampOrASpentNonce() throws IOException {
        server = new StubServer((r, i) -> i < 2 ? Response.json(503, "") : Response.json(200, OK));
        ErrorHandler errors = new DefaultErrorHandler(RETRY);
        HttpRequester requester = new HttpRequester("shopee", HttpTransport.unguarded(Duration.ofSeconds(5)), Duration.ofSeconds(10),
                errors, new RetryPolicy(RETRY, errors, time), RateLimiter.NONE, time);
        java.util.concurrent.atomic.AtomicInteger signatures = new java.util.concurrent.atomic.AtomicInteger();
        HttpCall unsigned = new HttpCall("GET", URI.create(server.baseUrl() + "/api/v2/order/get_order_list"), Map.of(), null, Set.of());
        java.util.function.Supplier<HttpCall> sign = new java.util.function.Supplier<>() {
            @Override
            public HttpCall get() {
                return unsigned.withQueryParam("sign", "s" + signatures.incrementAndGet()).signedBy(this);
            }
        };

        assertThat(requester.execute(sign.get(), "orders").status()).isEqualTo(200);

        assertThat(server.requests()).extracting(r -> r.params().get("sign")).containsExactly("s1", "s2", "s3");
    }

    @Test
    void acceptsRetryAfterAsAnHttpDate() throws IOException {
        call((r, i) -> i == 0
                ? Response.json(503, "").withHeader("Retry-After", "Sun, 01 Jun 2025 00:00:07 GMT")
                : Response.json(200, OK));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void backsOffOn5xxWithinTheExponentialCeiling() throws IOException {
        HttpResult result = call((r, i) -> i < 2 ? Response.json(502, "<html>Bad Gateway</html>") : Response.json(200, OK));

        assertThat(result.status()).isEqualTo(200);
        assertThat(server.requests()).hasSize(3);
        List<Duration> sleeps = time.sleeps();
        assertThat(sleeps).hasSizeLessThanOrEqualTo(2); // a zero wait (full jitter) is not slept
        sleeps.forEach(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(1000)));
    }

    @Test
    void retriesATimeout() throws IOException {
        HttpResult result = call((r, i) -> i == 0 ? Response.json(200, OK).delayed(3000) : Response.json(200, OK),
                RETRY, Duration.ofMillis(200));

        assertThat(result.status()).isEqualTo(200);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void neverRetries401AndNamesSystemStatusRequestAndVendorText() {
        assertThatThrownBy(() -> call((r, i) -> Response.json(401,
                "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopify: HTTP 401 from POST /admin/api/2025-10/graphql.json: "
                        + "[API] Invalid API key or access token (unrecognized login or wrong password)")
                .satisfies(e -> assertThat(((ConnectorException) e).status()).isEqualTo(401));
        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttempts() {
        assertThatThrownBy(() -> call((r, i) -> Response.json(503, "{\"errors\":\"Service unavailable\"}").withHeader("Retry-After", "1")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopify: HTTP 503 from POST /admin/api/2025-10/graphql.json: Service unavailable");
        assertThat(server.requests()).hasSize(4);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void retriesOnlyWhatRetryOnLists() {
        RetrySpec only429 = new RetrySpec(4, Duration.ofMillis(500), Duration.ofSeconds(30), List.of("429"));

        assertThatThrownBy(() -> call((r, i) -> Response.json(500, "{\"errors\":[{\"message\":\"Internal error\"}]}"), only429, Duration.ofSeconds(5)))
                .hasMessageEndingWith(": Internal error");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void masksSecretHeadersWhenPrinted() {
        HttpCall call = new HttpCall("POST", URI.create("https://a.myshopify.com/admin/api/2025-10/graphql.json?x=1"),
                Map.of("Accept", "application/json"), "{}", Set.of()).withHeader("X-Shopify-Access-Token", "shpat_secret", true);

        assertThat(call.toString()).doesNotContain("shpat_secret").contains("X-Shopify-Access-Token=****", "Accept=application/json");
        assertThat(call.describe()).isEqualTo("POST /admin/api/2025-10/graphql.json");
    }
}
