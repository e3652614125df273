package io.mekong.connector.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over UTF-8 text, the primitive of every request and webhook signature Mekong speaks. */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sha256(String key, String message) {
        return sha256(key, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Over bytes as received (webhook bodies are signed raw, before any parsing or re-encoding). */
    public static byte[] sha256(String key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
