package io.mekong.webhook;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Checks that a delivery was signed by the sender's secret; the reason says what was wrong, never the secret. */
public interface SignatureVerifier {

    /** @return null when the signature is valid, else why it is not */
    String problem(WebhookRequest request);

    /** Constant-time comparison of a received hex signature with the expected bytes; malformed hex never matches. */
    static boolean hexEquals(String received, byte[] expected) {
        try {
            return MessageDigest.isEqual(HexFormat.of().parseHex(received.trim().toLowerCase(Locale.ROOT)), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Constant-time comparison of a received base64 signature with the expected bytes. */
    static boolean base64Equals(String received, byte[] expected) {
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(received.trim()), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
