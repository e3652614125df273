package io.mekong.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.ConnectorException;
import io.mekong.connector.FakeTime;
import io.mekong.connector.StubServer;
import io.mekong.connector.StubServer.Response;
import io.mekong.connector.ratelimit.RateLimiter;
import io.mekong.connector.spec.ErrorEnvelopeSpec;
import io.mekong.connector.spec.RetrySpec;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP 200 answers that are errors (Shopee, Lazada), through the real requester and its retries. */
class EnvelopeErrorHandlerTest {

    private static final ErrorEnvelopeSpec SHOPEE = new ErrorEnvelopeSpec("/error", List.of(""), "/message",
            List.of("error_too_many_request", "error_server"));
    private static final ErrorEnvelopeSpec LAZADA = new ErrorEnvelopeSpec("/code", List.of("0"), "/message",
            List.of("ApiCallLimit"));

    private final FakeTime time = new FakeTime();
    private StubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResult call(ErrorEnvelopeSpec envelope, BiFunction<StubServer.Request, Integer, Response> script) throws IOException {
        server = new StubServer(script);
        RetrySpec retry = new RetrySpec(4, Duration.ofMillis(100), Duration.ofSeconds(5), null);
        ErrorHandler errors = new EnvelopeErrorHandler(new DefaultErrorHandler(retry), envelope);
        HttpRequester requester = new HttpRequester("shopee", HttpTransport.unguarded(Duration.ofSeconds(5)),
                Duration.ofSeconds(10), errors, new RetryPolicy(retry, errors, time), RateLimiter.NONE, time);
        return requester.execute(new HttpCall("GET", URI.create(server.baseUrl() + "/api/v2/order/get_order_list"),
                Map.of(), null, Set.of()), "orders");
    }

    @Test
    void aShopeeErrorWithHttp200FailsWithTheVendorsCodeAndMessage() throws IOException {
        String error = Files.readString(Fixtures.vendor("shopee").resolve("get_order_list.error.json"));

        assertThatThrownBy(() -> call(SHOPEE, (r, i) -> Response.json(200, error)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("order.order_list_invalid_time: Start time must be earlier than end time and diff in 15days.");
        assertThat(server.requests()).as("not a retryable code: asked once").hasSize(1);
    }

    @Test
    void aRetryableCodeIsRetriedLikeA429AndSuccessIsTheEmptyCode() throws IOException {
        HttpResult result = call(SHOPEE, (r, i) -> i == 0
                ? Response.json(200, "{\"error\":\"error_too_many_request\",\"message\":\"slow down\"}")
                : Response.json(200, "{\"error\":\"\",\"message\":\"\",\"response\":{\"more\":false}}"));

        assertThat(result.json().at("/response/more").asBoolean(true)).isFalse();
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void lazadaSuccessIsCodeZeroAndAnAuthErrorIsFinal() throws IOException {
        assertThat(call(LAZADA, (r, i) -> Response.json(200, "{\"code\":\"0\",\"data\":{}}")).status()).isEqualTo(200);
        stop();
        assertThatThrownBy(() -> call(LAZADA, (r, i) -> Response.json(200,
                "{\"type\":\"ISV\",\"code\":\"IllegalAccessToken\",\"message\":\"The specified access token is invalid or expired\"}")))
                .hasMessageContaining("IllegalAccessToken: The specified access token is invalid or expired");
    }

    @Test
    void anHttpFailureWithoutAnEnvelopeIsStillAnHttpFailure() throws IOException {
        assertThatThrownBy(() -> call(SHOPEE, (r, i) -> Response.json(403, "<html>Forbidden</html>")))
                .hasMessageContaining("HTTP 403");
    }
}
