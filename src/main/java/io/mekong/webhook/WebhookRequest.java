package io.mekong.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A delivery as received: the raw body (signatures are computed over these exact bytes) and the headers.
 *
 * @param url the URL the sender was configured with (Shopee signs it with the body)
 */
public record WebhookRequest(byte[] body, Map<String, String> headers, String url) {

    public WebhookRequest {
        Map<String, String> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        insensitive.putAll(headers);
        headers = insensitive;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
