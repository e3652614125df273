package io.mekong.webhook;

import io.mekong.connector.auth.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}; valid when any {@code v1} is the hex
 * HMAC-SHA256(endpoint secret, t + "." + raw body) and t is within the tolerance of now (replay protection).
 * {@code v0} (test scheme) is ignored, as Stripe's libraries do.
 */
public final class StripeSignatureVerifier implements SignatureVerifier {

    static final String HEADER = "Stripe-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignatureVerifier(String secret, Duration tolerance, Clock clock) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public String problem(WebhookRequest request) {
        String header = request.header(HEADER).orElse(null);
        if (header == null) {
            return "no " + HEADER + " header";
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}") || signatures.isEmpty()) {
            return HEADER + " lacks t= or v1=";
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > tolerance.toSeconds()) {
            return HEADER + " timestamp is " + age + " s from now, outside the " + tolerance.toSeconds() + " s tolerance";
        }
        byte[] expected = Hmac.sha256(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), request.body());
        boolean matched = false;
        for (String signature : signatures) {
            matched |= SignatureVerifier.hexEquals(signature, expected); // every candidate compared: no early exit
        }
        return matched ? null : "no v1 signature in " + HEADER + " matches the body";
    }

    @Override
    public String toString() {
        return "StripeSignatureVerifier[tolerance " + tolerance + "]";
    }
}
