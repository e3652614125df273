package io.mekong.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.spec.RetrySpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retries what {@code requester.retry.retryOn} lists (429, 5xx, timeouts, connection errors); never other 4xx.
 * Reads vendor errors in the common JSON shapes: {@code errors} as text, list or field map, {@code error},
 * {@code message}. A body without one is never shown, only described: an error text reaches merchants (the
 * connection test, runs, dead letters), and a connection's host may be one whose answers are not theirs to read.
 */
public final class DefaultErrorHandler implements ErrorHandler {

    private final RetrySpec retry;

    public DefaultErrorHandler(RetrySpec retry) {
        this.retry = retry;
    }

    @Override
    public boolean isRetryable(HttpResult result) {
        return retry.retriesStatus(result.status());
    }

    @Override
    public boolean isRetryable(IOException error) {
        return HttpRequester.isTimeout(error) ? retry.retriesTimeouts() : retry.retriesConnectionErrors();
    }

    @Override
    public String vendorMessage(HttpResult result) {
        JsonNode json = result.json();
        if (json != null && json.isObject()) {
            for (String field : List.of("errors", "error", "message", "error_description")) {
                JsonNode node = json.get(field);
                if (node != null && !node.isNull()) {
                    return VendorText.clean(describe(node));
                }
            }
        }
        return result.body().isBlank() ? "(empty body)" : "(" + result.summary() + " without an error message, not shown)";
    }

    /** GraphQL {@code errors[].message}, REST text or field→messages map. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(e -> parts.add(e.has("message") ? e.get("message").asText() : describe(e)));
            return String.join("; ", parts);
        }
        if (node.isObject() && node.has("message")) {
            return node.get("message").asText();
        }
        if (node.isObject()) { // field → messages
            List<String> parts = new ArrayList<>();
            node.fields().forEachRemaining(field -> parts.add(field.getKey() + ": " + describe(field.getValue())));
            return String.join("; ", parts);
        }
        return node.asText();
    }
}
