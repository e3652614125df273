package io.mekong.connector.http;

import io.github.resilience4j.retry.Retry;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.ratelimit.RateLimiter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK-HttpClient requester. Per request: wait for the rate limiter, send, let the limiter judge the
 * response (a throttled response is waited out and re-sent without spending an attempt), then retry what
 * the error handler calls retryable with the retry policy's waits. Logs method, path and status only.
 */
public final class HttpRequester implements Requester {

    private static final Logger log = LoggerFactory.getLogger(HttpRequester.class);

    private final String system;
    private final HttpClient client;
    private final Duration readTimeout;
    private final ErrorHandler errors;
    private final RetryPolicy retryPolicy;
    private final RateLimiter rateLimiter;
    private final Sleeper sleeper;

    public HttpRequester(String system, HttpClient client, Duration readTimeout, ErrorHandler errors,
                         RetryPolicy retryPolicy, RateLimiter rateLimiter, Sleeper sleeper) {
        this.system = system;
        this.client = client;
        this.readTimeout = readTimeout;
        this.errors = errors;
        this.retryPolicy = retryPolicy;
        this.rateLimiter = rateLimiter;
        this.sleeper = sleeper;
    }

    @Override
    public HttpResult execute(HttpCall call, String operation) {
        Retry.AsyncContext<HttpResult> attempts = retryPolicy.start(system + ":" + operation);
        int throttled = 0;
        while (true) {
            pause(rateLimiter.reserve(operation), call);
            HttpResult result;
            try {
                result = send(call);
            } catch (IOException e) {
                long wait = attempts.onError(e);
                if (wait < 0) {
                    throw failure(call, e);
                }
                log.warn("{}: {} on {}, retrying in {} ms", system, kind(e), call.describe(), wait);
                pause(Duration.ofMillis(wait), call);
                continue;
            }
            Optional<Duration> throttleWait = rateLimiter.onResponse(operation, result);
            if (throttleWait.isPresent()) {
                if (++throttled > rateLimiter.maxThrottledWaits()) {
                    throw new ConnectorException(system + ": still throttled after " + rateLimiter.maxThrottledWaits()
                            + " waits on " + call.describe() + ": " + errors.vendorMessage(result), result.status());
                }
                log.info("{}: throttled on {}, waiting {} ms for the budget to refill", system, call.describe(), throttleWait.get().toMillis());
                pause(throttleWait.get(), call);
                continue;
            }
            long wait = attempts.onResult(result);
            if (wait >= 0) {
                log.warn("{}: HTTP {} from {}, retrying in {} ms", system, result.status(), call.describe(), wait);
                pause(Duration.ofMillis(wait), call);
                continue;
            }
            if (result.isSuccess()) {
                attempts.onComplete();
                return result;
            }
            throw new ConnectorException(system + ": HTTP " + result.status() + " from " + call.describe() + ": "
                    + errors.vendorMessage(result), result.status());
        }
    }

    private HttpResult send(HttpCall call) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(readTimeout)
                .method(call.method(), call.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            log.debug("{}: {} -> {}", system, call.describe(), response.statusCode());
            return new HttpResult(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(system + ": interrupted during " + call.describe(), 0, e);
        }
    }

    private void pause(Duration wait, HttpCall call) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(system + ": interrupted while waiting to retry " + call.describe(), 0, e);
        }
    }

    private ConnectorException failure(HttpCall call, IOException e) {
        return new ConnectorException(system + ": " + kind(e) + " on " + call.describe() + ": " + e, 0, e);
    }

    private static String kind(IOException e) {
        return e instanceof HttpTimeoutException ? "timeout" : "connection error";
    }
}
