package io.mekong.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.spec.RetrySpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retries what {@code requester.retry.retryOn} lists (429, 5xx, timeouts, connection errors); never other 4xx.
 * Reads vendor errors in the common JSON shapes: {@code errors} as text, list or field map, {@code error},
 * {@code message}.
 */
public final class DefaultErrorHandler implements ErrorHandler {

    private static final int MAX_TEXT = 500;

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
                    return shorten(describe(node));
                }
            }
        }
        return result.body().isBlank() ? "(empty body)" : shorten(result.body().strip());
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
        return node.toString();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
