package io.mekong.sandbox.hooks;

import io.mekong.sandbox.VendorHmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code Mekong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>} as a receiver
 * would, with its own code (Commons Codec's HMAC, not the hub's signer): the scheme of Stripe's webhooks. Several
 * {@code v1} may be sent (while a secret rotates); one matching is enough. A timestamp more than five minutes old
 * is refused, so a captured delivery cannot be replayed later, and so is one as far ahead (a wrong clock), as the
 * verification in docs/destinations.md does.
 */
public final class MekongSignature {

    public static final String HEADER = "Mekong-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private MekongSignature() {
    }

    /** Why the header does not prove the body came from the secret's holder, or null when it does. */
    public static String refusal(String header, String secret, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return "The " + HEADER + " header is missing.";
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return "The " + HEADER + " header is malformed: expected t=<unix seconds>,v1=<hex>.";
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "The " + HEADER + " timestamp is not a number of seconds.";
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return "The " + HEADER + " header needs a timestamp (t=) and a signature (v1=).";
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return "The " + HEADER + " timestamp is more than " + TOLERANCE.toMinutes() + " minutes "
                    + (timestamp < now.getEpochSecond() ? "old." : "ahead.");
        }
        byte[] expected = VendorHmac.sha256Hex(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body)
                .getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatures) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return "No " + HEADER + " signature matches the body.";
    }

    /** The header value for {@code body} signed at {@code at} (for tests and the docs' example). */
    public static String sign(String secret, byte[] body, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + VendorHmac.sha256Hex(secret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
