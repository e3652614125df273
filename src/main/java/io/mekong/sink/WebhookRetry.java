package io.mekong.sink;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Runs before each new try of a webhook destination's POST (routes/destinations.yaml, onRedeliveryRef): it records the
 * destination's trouble, which GET /api/destinations shows, and waits what the endpoint's Retry-After asks beyond the
 * backoff Camel already waited.
 */
@Component("webhookRetry")
public class WebhookRetry implements Processor {

    private final Destinations destinations;

    public WebhookRetry(Destinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        Long destination = exchange.getMessage().getHeader(DestinationComponent.DESTINATION, Long.class);
        if (destination != null) {
            destinations.failing(destination, failure instanceof HttpOperationFailedException http
                    ? "the endpoint answered HTTP " + http.getStatusCode()
                    : failure == null ? "no answer" : "no answer: " + failure.getClass().getSimpleName());
        }
        Duration asked = retryAfter(failure);
        long waited = exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, 0L, Long.class);
        if (asked != null && asked.toMillis() > waited) {
            Thread.sleep(Math.min(asked.toMillis() - waited, Duration.ofHours(1).toMillis()));
        }
    }

    private static Duration retryAfter(Exception failure) {
        if (failure instanceof HttpOperationFailedException http && http.getResponseHeaders() != null) {
            String value = http.getResponseHeaders().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).map(java.util.Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (value != null) {
                try {
                    return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
