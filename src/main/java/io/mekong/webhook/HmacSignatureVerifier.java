package io.mekong.webhook;

import io.mekong.connector.auth.Hmac;
import io.mekong.connector.spec.WebhookSpec.Signature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generic {@code hmac} scheme: one header carries the HMAC of a signed payload made of the raw body bytes and,
 * optionally, a timestamp sent in another header (refused outside the tolerance, against replays). The received
 * signature is decoded and compared with the expected bytes in constant time.
 */
public final class HmacSignatureVerifier implements SignatureVerifier {

    private static final Pattern PARTS = Pattern.compile(Pattern.quote(Signature.Hmac.BODY) + "|" + Pattern.quote(Signature.Hmac.TIMESTAMP));

    private final Signature.Hmac scheme;
    private final String secret;
    private final Clock clock;

    /** @param secret the scheme's secret rendered for one connection */
    public HmacSignatureVerifier(Signature.Hmac scheme, String secret, Clock clock) {
        this.scheme = scheme;
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public String problem(WebhookRequest request) {
        String header = scheme.header();
        String received = request.header(header).orElse(null);
        if (received == null) {
            return "no " + header + " header";
        }
        if (!received.startsWith(scheme.prefix())) {
            return header + " does not start with '" + scheme.prefix() + "'";
        }
        String signature = received.substring(scheme.prefix().length());
        String timestamp = null;
        if (scheme.timestampHeader() != null) {
            timestamp = request.header(scheme.timestampHeader()).orElse(null);
            if (timestamp == null) {
                return "no " + scheme.timestampHeader() + " header";
            }
            String stale = staleness(timestamp);
            if (stale != null) {
                return stale;
            }
        }
        byte[] expected = Hmac.of(scheme.algorithm(), secret, signedPayload(request.body(), timestamp));
        boolean matches = scheme.encoding().equals("hex") ? SignatureVerifier.hexEquals(signature, expected)
                : SignatureVerifier.base64Equals(signature, expected);
        return matches ? null : header + " does not match the body";
    }

    /** The signed payload template with the raw body bytes (never re-encoded) and the timestamp as received. */
    private byte[] signedPayload(byte[] body, String timestamp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 32);
        Matcher m = PARTS.matcher(scheme.signedPayload());
        int from = 0;
        while (m.find()) {
            out.writeBytes(scheme.signedPayload().substring(from, m.start()).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(m.group().equals(Signature.Hmac.BODY) ? body : timestamp.getBytes(StandardCharsets.UTF_8));
            from = m.end();
        }
        out.writeBytes(scheme.signedPayload().substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Why the timestamp is refused (unreadable, or outside the tolerance of now), or null when it is fresh. */
    private String staleness(String timestamp) {
        Instant at;
        try {
            at = timestamp.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(timestamp)) : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return scheme.timestampHeader() + " is neither unix seconds nor an ISO-8601 instant";
        }
        long age = clock.instant().getEpochSecond() - at.getEpochSecond();
        if (Math.abs(age) > scheme.tolerance().toSeconds()) {
            return scheme.timestampHeader() + " is " + age + " s from now, outside the " + scheme.tolerance().toSeconds()
                    + " s tolerance";
        }
        return null;
    }

    @Override
    public String toString() {
        return "HmacSignatureVerifier[" + scheme.header() + ", " + scheme.algorithm() + ", " + scheme.encoding() + "]";
    }
}
