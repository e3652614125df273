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
import java.util.function.Supplier;

/**
 * Delivers a simulated system's webhooks as the real senders do: a POST of the body with the vendor's signed headers,
 * in the background; a delivery that gets no 2xx within {@link RetryPlan#timeout()} is sent again, the same bytes,
 * after {@code firstPause}, then {@code growth} times that and so on, {@code retries} times, then given up. The headers are made
 * for each attempt: Shopify repeats them, Stripe signs each attempt with its own time.
 */
public final class WebhookSender implements AutoCloseable {

    /**
     * How a sender retries: {@code retries} times, the first after {@code firstPause}, each pause {@code growth} times
     * the one before (2: exponential backoff, 1: a fixed interval); an attempt not answered within {@code timeout}
     * failed.
     */
    public record RetryPlan(int retries, Duration firstPause, int growth, Duration timeout) {

        /** Shopify: 8 retries over about 4 hours with exponential backoff, 5 s to answer. */
        public static final RetryPlan SHOPIFY = new RetryPlan(8, Duration.ofSeconds(57), 2, Duration.ofSeconds(5));
        /** Stripe: in live mode up to 3 days with exponential backoff; here 12 retries from 1 minute (about 2.8 days). */
        public static final RetryPlan STRIPE = new RetryPlan(12, Duration.ofMinutes(1), 2, Duration.ofSeconds(20));
        /** Shopee: a few quick retries (unverified); what is still lost is read back with get_lost_push_message. */
        public static final RetryPlan SHOPEE = new RetryPlan(3, Duration.ofSeconds(30), 2, Duration.ofSeconds(3));
        /** Lazada: a message not answered with 200 is sent again every 30 minutes, 12 times at most. */
        public static final RetryPlan LAZADA = new RetryPlan(12, Duration.ofMinutes(30), 1, Duration.ofSeconds(5));

        public RetryPlan {
            if (retries < 0 || growth < 1) {
                throw new IllegalArgumentException("retries must be >= 0 and growth >= 1 (were " + retries + ", " + growth + ")");
            }
        }

        /** The pause in nanoseconds before attempt {@code attempt} (1 = the first retry). */
        long pauseBefore(int attempt) {
            long pause = firstPause.toNanos();
            for (int i = 1; i < attempt && pause < Long.MAX_VALUE / growth; i++) {
                pause *= growth;
            }
            return pause;
        }
    }

    /** One webhook: where it goes, its bytes and the headers of an attempt (signature included). */
    public record Delivery(URI url, byte[] body, Supplier<Map<String, String>> headers) {

        /** The same headers on every attempt. */
        public static Delivery of(URI url, byte[] body, Map<String, String> headers) {
            Map<String, String> copy = Map.copyOf(headers);
            return new Delivery(url, body, () -> copy);
        }
    }

    /** What happened to one attempt (with the headers it carried), for tests and the simulator's own log. */
    public record Attempt(Delivery delivery, Map<String, String> headers, int attempt, int status) {
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
        Map<String, String> headers = delivery.headers().get();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url()).timeout(plan.timeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
            headers.forEach(request::header);
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.io.IOException e) {
            status = 0; // no answer in time, refused or reset: a failure like any non-2xx
        }
        attempts.add(new Attempt(delivery, headers, attempt, status));
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
