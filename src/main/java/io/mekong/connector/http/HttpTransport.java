package io.mekong.connector.http;

import io.mekong.connector.egress.EgressGuard;
import io.mekong.connector.egress.GuardedDnsResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one request and reads its whole answer, within bounds: only to addresses the egress guard allows (checked on
 * the addresses actually connected to), no redirects, at most {@link OutboundLimits#maxResponseBytes()} of body, and
 * the whole answer within {@link OutboundLimits#responseDeadline()}. A pooled Apache HttpClient 5 underneath, which
 * never retries on its own: retries, their waits and Retry-After belong to the requester.
 */
public final class HttpTransport {

    /** One daemon thread for every transport: it only drops connections whose answer is overdue. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final CloseableHttpClient client;
    /** For requests to the simulators' paths: a client whose guard also allows the sandbox's own port. */
    private final CloseableHttpClient sandboxClient;
    private final OutboundLimits limits;

    private HttpTransport(CloseableHttpClient client, CloseableHttpClient sandboxClient, OutboundLimits limits) {
        this.client = client;
        this.sandboxClient = sandboxClient;
        this.limits = limits;
    }

    /**
     * A transport that connects only where {@code guard} allows; the guard's sandbox rule applies only to requests
     * for {@code /sandbox/} paths, so that a connection cannot reach the rest of the hub on its own port.
     */
    public static HttpTransport guarded(Duration connectTimeout, EgressGuard guard, OutboundLimits limits) {
        EgressGuard strict = guard.withoutSandbox();
        CloseableHttpClient client = client(connectTimeout, new GuardedDnsResolver(strict));
        return new HttpTransport(client, strict == guard ? client : client(connectTimeout, new GuardedDnsResolver(guard)), limits);
    }

    /** A transport that connects anywhere: for tests and tools that build requesters against local stubs. */
    public static HttpTransport unguarded(Duration connectTimeout, OutboundLimits limits) {
        CloseableHttpClient client = client(connectTimeout, SystemDefaultDnsResolver.INSTANCE);
        return new HttpTransport(client, client, limits);
    }

    public static HttpTransport unguarded(Duration connectTimeout) {
        return unguarded(connectTimeout, OutboundLimits.DEFAULT);
    }

    private static CloseableHttpClient client(Duration connectTimeout, DnsResolver resolver) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
                        .setMaxConnPerRoute(16)
                        .setMaxConnTotal(64)
                        .build())
                // a redirect could lead anywhere, the guard's refusals aside; the requester names a 3xx as refused
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /**
     * @throws ResponseLimitExceeded when the body is larger than the cap or the answer is not complete by the deadline
     * @throws IOException           when the request could not be sent or the answer not read (incl. a refused address)
     */
    public HttpResult exchange(HttpCall call, Duration readTimeout) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        if (call.body() != null) {
            String declared = call.headers().get(HttpCall.CONTENT_TYPE);
            request.setEntity(new StringEntity(call.body(), declared == null
                    ? ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)
                    : ContentType.parse(declared).withCharset(StandardCharsets.UTF_8)));
        }
        call.headers().forEach(request::setHeader);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build());
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            overdue.set(true);
            request.cancel();
        }, limits.responseDeadline().toMillis(), TimeUnit.MILLISECONDS);
        try {
            CloseableHttpClient chosen = EgressGuard.sandboxPath(call.uri().getRawPath()) ? sandboxClient : client;
            return chosen.execute(request, response -> {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Header header : response.getHeaders()) {
                    headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
                }
                return new HttpResult(response.getCode(), headers, body(request, response.getEntity()));
            });
        } catch (IOException e) {
            if (overdue.get()) {
                throw ResponseLimitExceeded.tooSlow(limits.responseDeadline());
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private String body(HttpUriRequestBase request, HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        String body;
        try {
            body = BoundedBody.read(in, entity.getContentLength(), charset(entity), limits.maxResponseBytes());
        } catch (ResponseLimitExceeded e) {
            request.cancel(); // drops the connection: closing the stream would read the rest of the body first
            throw e;
        }
        in.close();
        return body;
    }

    private static Charset charset(HttpEntity entity) {
        try {
            ContentType type = entity.getContentType() == null ? null : ContentType.parseLenient(entity.getContentType());
            return type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (IllegalArgumentException e) { // an unknown charset name: read as UTF-8, as a parser would
            return StandardCharsets.UTF_8;
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "http-response-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
