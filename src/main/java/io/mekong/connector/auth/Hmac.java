package io.mekong.connector.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC over UTF-8 text or raw bytes, the primitive of every request and webhook signature Mekong speaks. */
public final class Hmac {

    /** The digests a spec may name, by the name it uses, with the JCA algorithm that computes them. */
    public static final Map<String, String> ALGORITHMS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256", "sha512", "HmacSHA512");

    private Hmac() {
    }

    public static byte[] sha256(String key, String message) {
        return sha256(key, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Over bytes as received (webhook bodies are signed raw, before any parsing or re-encoding). */
    public static byte[] sha256(String key, byte[]... parts) {
        return of("sha256", key, parts);
    }

    /** @param algorithm one of {@link #ALGORITHMS}' names ({@code sha1}, {@code sha256}, {@code sha512}) */
    public static byte[] of(String algorithm, String key, byte[]... parts) {
        String jca = ALGORITHMS.get(algorithm.toLowerCase(Locale.ROOT));
        if (jca == null) {
            throw new IllegalArgumentException("unknown HMAC algorithm '" + algorithm + "' (known: " + ALGORITHMS.keySet() + ")");
        }
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), jca));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jca + " is unavailable", e);
        }
    }
}
