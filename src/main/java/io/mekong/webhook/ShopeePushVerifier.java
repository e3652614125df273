package io.mekong.webhook;

import io.mekong.connector.auth.Hmac;
import java.nio.charset.StandardCharsets;

/** Shopee push: {@code Authorization} = lowercase hex HMAC-SHA256(partner key, callback URL + "|" + raw body). */
public record ShopeePushVerifier(String partnerKey) implements SignatureVerifier {

    @Override
    public String problem(WebhookRequest request) {
        String signature = request.header("Authorization").orElse(null);
        if (signature == null) {
            return "no Authorization header";
        }
        byte[] expected = Hmac.sha256(partnerKey, (request.url() + "|").getBytes(StandardCharsets.UTF_8), request.body());
        return SignatureVerifier.hexEquals(signature, expected) ? null : "Authorization does not match the callback URL and body";
    }

    @Override
    public String toString() {
        return "ShopeePushVerifier";
    }
}
