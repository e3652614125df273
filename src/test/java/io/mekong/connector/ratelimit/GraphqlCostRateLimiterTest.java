package io.mekong.connector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.ConnectorException;
import io.mekong.connector.FakeTime;
import io.mekong.connector.StubServer;
import io.mekong.connector.StubServer.Response;
import io.mekong.connector.http.DefaultErrorHandler;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.HttpRequester;
import io.mekong.connector.http.HttpTransport;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.RetryPolicy;
import io.mekong.connector.spec.RateLimitSpec;
import io.mekong.connector.spec.RetrySpec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphqlCostRateLimiterTest {

    /** One attempt only: a throttled response must be waited out without counting as a failed attempt. */
    static final RetrySpec NO_RETRIES = new RetrySpec(1, Duration.ofMillis(500), Duration.ofSeconds(30), null);

    private final FakeTime time = new FakeTime();
    private final GraphqlCostRateLimiter limiter =
            new GraphqlCostRateLimiter(new RateLimitSpec.GraphqlCost(null, null, null, 3), time);
    private StubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String cost(double requested, double available, double restoreRate) {
        return "{\"requestedQueryCost\":" + requested + ",\"actualQueryCost\":" + requested
                + ",\"throttleStatus\":{\"maximumAvailable\":1000.0,\"currentlyAvailable\":" + available
                + ",\"restoreRate\":" + restoreRate + "}}";
    }

    static String ok(double requested, double available, double restoreRate) {
        return "{\"data\":{\"orders\":{\"nodes\":[]}},\"extensions\":{\"cost\":" + cost(requested, available, restoreRate) + "}}";
    }

    static String throttled(double requested, double available, double restoreRate) {
        return "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\",\"documentation\":\"https://shopify.dev/api/usage/rate-limits\"}}],"
                + "\"extensions\":{\"cost\":" + cost(requested, available, restoreRate).replace("\"actualQueryCost\":" + requested, "\"actualQueryCost\":null") + "}}";
    }

    private HttpRequester requester(BiFunction<StubServer.Request, Integer, Response> script) throws IOException {
        server = new StubServer(script);
        DefaultErrorHandler errors = new DefaultErrorHandler(NO_RETRIES);
        return new HttpRequester("shopify", HttpTransport.unguarded(Duration.ofSeconds(5)), Duration.ofSeconds(10), errors,
                new RetryPolicy(NO_RETRIES, errors, time), limiter, time);
    }

    private HttpCall call() {
        return new HttpCall("POST", URI.create(server.baseUrl() + "/admin/api/2025-10/graphql.json"), Map.of(), "{}", Set.of());
    }

    @Test
    void sendsFreelyUntilItKnowsTheBucket() {
        assertThat(limiter.reserve("orders")).isZero();
    }

    @Test
    void waitsForTheRefillBeforeTheBucketRunsDry() {
        limiter.onResponse("orders", new HttpResult(200, Map.of(), ok(252, 300, 50)));

        assertThat(limiter.reserve("orders")).isZero();                          // 300 available, 48 left
        assertThat(limiter.reserve("orders")).isEqualTo(Duration.ofMillis(4080)); // (252 - 48) / 50 per second
        assertThat(limiter.reserve("orders")).isEqualTo(Duration.ofMillis(9120)); // queued behind the previous wait
        assertThat(limiter.reserve("customers")).isZero();                        // cost of customers not known yet
    }

    @Test
    void countsTheRefillThatHappenedMeanwhile() {
        limiter.onResponse("orders", new HttpResult(200, Map.of(), ok(252, 100, 50)));
        time.sleep(Duration.ofSeconds(2)); // +100 points

        assertThat(limiter.reserve("orders")).isEqualTo(Duration.ofMillis(1040)); // (252 - 200) / 50
    }

    @Test
    void requesterWaitsBeforeTheNextPageInsteadOfBeingThrottled() throws IOException {
        HttpRequester requester = requester((r, i) -> Response.json(200, ok(250, i == 0 ? 100 : 1000, 50)));

        requester.execute(call(), "orders");
        requester.execute(call(), "orders");

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3)); // (250 - 100) / 50
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void recoversFromThrottledWithHttp200() throws IOException {
        HttpRequester requester = requester((r, i) -> Response.json(200, i == 0 ? throttled(250, 50, 50) : ok(250, 750, 50)));

        HttpResult result = requester.execute(call(), "orders");

        assertThat(result.json().has("data")).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4)); // (250 - 50) / 50
    }

    @Test
    void recoversFromThrottledWithHttp429() throws IOException {
        HttpRequester requester = requester((r, i) -> i == 0
                ? Response.json(429, throttled(250, 150, 50))
                : Response.json(200, ok(250, 750, 50)));

        requester.execute(call(), "orders");

        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2)); // (250 - 150) / 50
    }

    @Test
    void uses429RetryAfterWhenTheBucketIsUnknown() throws IOException {
        HttpRequester requester = requester((r, i) -> i == 0
                ? Response.json(429, "{\"errors\":\"Throttled\"}").withHeader("Retry-After", "2.0")
                : Response.json(200, ok(250, 750, 50)));

        requester.execute(call(), "orders");

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void givesUpWhenThrottlingNeverEnds() throws IOException {
        HttpRequester requester = requester((r, i) -> Response.json(200, throttled(250, 0, 50)));

        assertThatThrownBy(() -> requester.execute(call(), "orders"))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("shopify: still throttled after 3 waits on POST /admin/api/2025-10/graphql.json: Throttled");
        assertThat(server.requests()).hasSize(4);
        assertThat(time.sleeps()).hasSize(3).allMatch(d -> d.equals(Duration.ofSeconds(5)));
    }

    @Test
    void otherGraphqlErrorsAreNotThrottling() {
        String denied = "{\"errors\":[{\"message\":\"Access denied for orders field.\",\"extensions\":{\"code\":\"ACCESS_DENIED\"}}]}";

        assertThat(limiter.onResponse("orders", new HttpResult(200, Map.of(), denied))).isEmpty();
        assertThat(limiter.onResponse("orders", new HttpResult(200, Map.of(), "not json"))).isEmpty();
    }
}
