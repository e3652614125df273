package io.mekong.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers a simulated system's webhooks as the real senders do: a POST of the body with the vendor's signed headers,
 * in the background; a delivery that gets no 2xx within {@link RetryPlan#timeout()} is sent again, the same bytes and
 * headers, after {@code firstPause}, then twice that and so on, {@code retries} times, then given up.
 */
public final class WebhookSender implements AutoCloseable {

    /**
     * How a sender retries. Shopify: 8 retries over about 4 hours, 5 s to answer; Stripe: up to 3 days in live mode.
     */
    public record RetryPlan(int retries, Duration firstPause, Duration timeout) {

        public static final RetryPlan SHOPIFY = new RetryPlan(8, Duration.ofSeconds(57), Duration.ofSeconds(5));

        /** Sleeps in nanoseconds before attempt {@code attempt} (1 = the first retry). */
        long pauseBefore(int attempt) {
            return firstPause.toNanos() << Math.min(attempt - 1, 30);
        }
    }

    /** One webhook: where it goes, its bytes and its headers (signature included). */
    public record Delivery(URI url, byte[] body, Map<String, String> headers) {
    }

    /** What happened to one attempt, for tests and the simulator's own log. */
    public record Attempt(Delivery delivery, int attempt, int status) {
    }

    private final RetryPlan plan;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    public WebhookSender(RetryPlan plan) {
        this.plan = plan;
        this.http = HttpClient.newBuilder().connectTimeout(plan.timeout()).build();
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sandbox-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void send(Delivery delivery) {
        executor.execute(() -> attempt(delivery, 0));
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public int delivered() {
        return delivered.get();
    }

    public int givenUp() {
        return givenUp.get();
    }

    private void attempt(Delivery delivery, int attempt) {
        int status;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url()).timeout(plan.timeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
            delivery.headers().forEach(request::header);
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.io.IOException e) {
            status = 0; // no answer in time, refused or reset: a failure like any non-2xx
        }
        attempts.add(new Attempt(delivery, attempt, status));
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
        } else if (attempt < plan.retries() && !executor.isShutdown()) {
            executor.schedule(() -> attempt(delivery, attempt + 1), plan.pauseBefore(attempt + 1), TimeUnit.NANOSECONDS);
        } else {
            givenUp.incrementAndGet();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
