package io.mekong.webhook;

import io.mekong.connector.auth.Hmac;

/** Shopify: {@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256(app secret, raw body). */
public record ShopifyHmacVerifier(String secret) implements SignatureVerifier {

    static final String HEADER = "X-Shopify-Hmac-Sha256";

    @Override
    public String problem(WebhookRequest request) {
        String signature = request.header(HEADER).orElse(null);
        if (signature == null) {
            return "no " + HEADER + " header";
        }
        return SignatureVerifier.base64Equals(signature, Hmac.sha256(secret, request.body()))
                ? null : HEADER + " does not match the body";
    }

    @Override
    public String toString() {
        return "ShopifyHmacVerifier";
    }
}
