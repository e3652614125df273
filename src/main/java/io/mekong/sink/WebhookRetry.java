package io.mekong.sink;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * The webhook destinations' retry policy (routes/destinations.yaml): which failures are refusals ({@link #refused}),
 * and, before each new try of a POST (onRedeliveryRef), the destination's trouble recorded for GET /api/destinations
 * and a wait for what the endpoint's Retry-After asks beyond the backoff Camel already waited; then the event is signed
 * again, with the secret as it is now and a fresh time.
 */
@Component("webhookRetry")
public class WebhookRetry implements Processor {

    private final Destinations destinations;
    private final WebhookSigner signer;

    public WebhookRetry(Destinations destinations, WebhookSigner signer) {
        this.destinations = destinations;
        this.signer = signer;
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
            RouteWait.sleep(exchange, Duration.ofMillis(Math.min(asked.toMillis() - waited, Duration.ofHours(1).toMillis())));
        }
        if (destination != null && exchange.getProperty(WebhookSigner.EVENT) != null) {
            destinations.find(destination).ifPresent(d -> {
                try {
                    signer.signAgain(d.destination(), exchange.getMessage());
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot sign the event again: " + e.getMessage(), e);
                }
            });
        }
    }

    /**
     * Whether a failed POST is the endpoint's refusal of that one event (any 4xx but 401, 403, 408 and 429) or an address
     * the egress guard refuses: not worth trying again. 401 and 403 say the credentials are wrong, for every event alike:
     * the destination waits until they are fixed, as connector targets do.
     */
    public boolean refused(Exchange exchange) {
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429;
        }
        return failure instanceof io.mekong.connector.egress.EgressRefused;
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
