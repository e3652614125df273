package io.mekong.sandbox;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * HMAC-SHA256 as the simulated vendors compute it (key as UTF-8 text), on Commons Codec rather than the hub's own
 * signers: a simulator that signed or verified with the hub's code would agree with any bug in it.
 */
public final class VendorHmac {

    private VendorHmac() {
    }

    /** Over the parts in order, as if they were one message (e.g. {@code "t."} then the raw webhook body). */
    public static byte[] sha256(String key, byte[]... parts) {
        Mac mac = HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, key.getBytes(StandardCharsets.UTF_8));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** Lower-case hex of {@link #sha256(String, byte[]...)}. */
    public static String sha256Hex(String key, byte[]... parts) {
        return Hex.encodeHexString(sha256(key, parts));
    }

    /** Lower-case hex over UTF-8 text. */
    public static String sha256Hex(String key, String message) {
        return sha256Hex(key, message.getBytes(StandardCharsets.UTF_8));
    }
}
