package io.mekong.connector.http;

import io.github.resilience4j.retry.Retry;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.egress.EgressRefused;
import io.mekong.connector.ratelimit.RateLimiter;
import io.mekong.connector.spec.ResponseFilterSpec;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requester, on Apache HttpClient 5's blocking client (about 4 times less overhead per request than the JDK's
 * asynchronous HttpClient, measured on the Shopify simulator: 0.5 ms vs 2.1 ms). Per request: wait for the rate limiter, send, let the limiter judge the
 * response (a throttled response is waited out and re-sent without spending an attempt), then retry what
 * the error handler calls retryable with the retry policy's waits. A {@code Retry-After} longer than the policy waits
 * out in place (writes to a target) ends the request at once with that wait in the {@link ConnectorException}. Logs
 * method, path and status only.
 */
public final class HttpRequester implements Requester {

    private static final Logger log = LoggerFactory.getLogger(HttpRequester.class);

    private final String system;
    private final HttpTransport transport;
    private final Duration readTimeout;
    private final ErrorHandler errors;
    private final RetryPolicy retryPolicy;
    private final RateLimiter rateLimiter;
    private final Sleeper sleeper;
    private final List<ResponseFilterSpec> filters;

    public HttpRequester(String system, HttpTransport transport, Duration readTimeout, ErrorHandler errors,
                         RetryPolicy retryPolicy, RateLimiter rateLimiter, Sleeper sleeper) {
        this(system, transport, readTimeout, errors, retryPolicy, rateLimiter, sleeper, List.of());
    }

    /** @param filters the requester's response filters, tried after those of each request's own block */
    public HttpRequester(String system, HttpTransport transport, Duration readTimeout, ErrorHandler errors,
                         RetryPolicy retryPolicy, RateLimiter rateLimiter, Sleeper sleeper, List<ResponseFilterSpec> filters) {
        this.system = system;
        this.transport = transport;
        this.readTimeout = readTimeout;
        this.errors = errors;
        this.retryPolicy = retryPolicy;
        this.rateLimiter = rateLimiter;
        this.sleeper = sleeper;
        this.filters = List.copyOf(filters);
    }

    @Override
    public HttpResult execute(HttpCall call, String operation, List<ResponseFilterSpec> own) {
        List<ResponseFilterSpec> applied = new ArrayList<>(own);
        applied.addAll(filters);
        Retry.AsyncContext<HttpResult> attempts = retryPolicy.start(system + ":" + operation, result -> {
            ResponseFilterSpec filter = match(applied, result);
            return filter == null ? errors.isRetryable(result) : filter.action().equals(ResponseFilterSpec.RETRY);
        });
        int throttled = 0;
        for (boolean first = true; true; first = false) {
            if (!first) {
                call = call.signedAgain();
            }
            pause(rateLimiter.reserve(operation), call);
            HttpResult result;
            try {
                result = send(call);
            } catch (EgressRefused | ResponseLimitExceeded e) { // no other attempt would fare better
                throw new ConnectorException(system + ": " + call.describe() + ": " + e.getMessage(), 0, e);
            } catch (IOException e) {
                long wait = attempts.onError(e);
                if (wait < 0) {
                    throw failure(call, e);
                }
                log.warn("{}: {} on {}, retrying in {} ms", system, ConnectFailure.describe(e), call.describe(), wait);
                pause(Duration.ofMillis(wait), call);
                continue;
            }
            Optional<Duration> throttleWait = rateLimiter.onResponse(operation, result);
            if (throttleWait.isPresent()) {
                if (++throttled > rateLimiter.maxThrottledWaits()) {
                    throw new ConnectorException(system + ": still throttled after " + rateLimiter.maxThrottledWaits()
                            + " waits on " + call.describe() + ": " + vendorMessage(result), result.status(),
                            errors.vendorCode(result), retryAfter(result), null);
                }
                log.info("{}: throttled on {}, waiting {} ms for the budget to refill", system, call.describe(), throttleWait.get().toMillis());
                pause(throttleWait.get(), call);
                continue;
            }
            long wait = attempts.onResult(result);
            if (wait >= 0) {
                Optional<Duration> overlong = retryPolicy.overlong(result);
                if (overlong.isPresent()) { // not waited out here: the caller pauses for it (a destination, not a thread)
                    throw new ConnectorException(system + ": HTTP " + result.status() + " from " + call.describe()
                            + ": asks to retry after " + seconds(overlong.get()) + " s, longer than the "
                            + seconds(retryPolicy.longestWait()) + " s waited in place: " + vendorMessage(result),
                            result.status(), errors.vendorCode(result), overlong.get(), null);
                }
                log.warn("{}: HTTP {} from {}, retrying in {} ms", system, result.status(), call.describe(), wait);
                pause(Duration.ofMillis(wait), call);
                continue;
            }
            ResponseFilterSpec filter = match(applied, result);
            if (filter != null && filter.action().equals(ResponseFilterSpec.IGNORE)) {
                attempts.onComplete();
                return result.asIgnored();
            }
            if (filter != null) { // fail, or retry with no attempt left
                throw new ConnectorException(system + ": HTTP " + result.status() + " from " + call.describe() + ": "
                        + (filter.message() != null ? filter.message() : vendorMessage(result)),
                        result.status(), errors.vendorCode(result), retryAfter(result), null);
            }
            if (!errors.failed(result)) {
                attempts.onComplete();
                return result;
            }
            throw new ConnectorException(system + ": HTTP " + result.status() + " from " + call.describe() + ": "
                    + vendorMessage(result), result.status(), errors.vendorCode(result), retryAfter(result), null);
        }
    }

    /** {@code Retry-After} in whole seconds (RFC 9110 §10.2.3), or null when absent or given as a date. */
    private static Duration retryAfter(HttpResult result) {
        return result.header("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    /** Whole seconds, rounded up: "0 s" would read as no wait at all. */
    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    /** The vendor's short error text; for a redirect, that it was refused (the transport follows none). */
    private String vendorMessage(HttpResult result) {
        return result.status() >= 300 && result.status() < 400
                ? "redirect refused: the hub follows no redirect, so that a vendor cannot send it to another host;"
                        + " point the connection at the final address"
                : errors.vendorMessage(result);
    }

    /** The first filter that matches the response, or null. */
    private static ResponseFilterSpec match(List<ResponseFilterSpec> filters, HttpResult result) {
        for (ResponseFilterSpec filter : filters) {
            if (filter.matches(result.status(), result::json)) {
                return filter;
            }
        }
        return null;
    }

    private HttpResult send(HttpCall call) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new ConnectorException(system + ": interrupted before " + call.describe(), 0);
        }
        HttpResult result = transport.exchange(call, readTimeout);
        log.debug("{}: {} -> {}", system, call.describe(), result.status());
        return result;
    }

    /** A read or connect timeout, as opposed to a refused or broken connection. */
    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException;
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

    /** What went wrong, never the resolved address or the exception's own text (which names it). */
    private ConnectorException failure(HttpCall call, IOException e) {
        return new ConnectorException(system + ": " + ConnectFailure.describe(e) + " on " + call.describe(), 0, e);
    }
}
