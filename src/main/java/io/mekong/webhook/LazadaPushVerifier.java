package io.mekong.webhook;

import io.mekong.connector.auth.Hmac;
import java.nio.charset.StandardCharsets;

/** Lazada push: {@code Authorization} = hex HMAC-SHA256(app secret, app key + raw body). */
public record LazadaPushVerifier(String appKey, String appSecret) implements SignatureVerifier {

    @Override
    public String problem(WebhookRequest request) {
        String signature = request.header("Authorization").orElse(null);
        if (signature == null) {
            return "no Authorization header";
        }
        byte[] expected = Hmac.sha256(appSecret, appKey.getBytes(StandardCharsets.UTF_8), request.body());
        return SignatureVerifier.hexEquals(signature, expected) ? null : "Authorization does not match the app key and body";
    }

    @Override
    public String toString() {
        return "LazadaPushVerifier[" + appKey + "]";
    }
}
