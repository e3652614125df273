package io.mekong.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Deliveries signed as Shopify and Stripe sign them, sent over real HTTP to the hub on {@code port}. */
public final class SignedDeliveries {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public SignedDeliveries(int port) {
        this.port = port;
    }

    /** Shopify: the HMAC covers the body only; topic, event id and {@code triggeredAt} (may be null) are plain headers. */
    public HttpResponse<String> shopify(String connection, String secret, String topic, String eventId, String body,
                                 String triggeredAt) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/shopify/" + connection))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Event-Id", eventId)
                .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(hmac(secret, bytes)));
        if (triggeredAt != null) {
            request.header("X-Shopify-Triggered-At", triggeredAt);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stripe: {@code t} and {@code v1} over "t.body", so the event's type and time are signed with it. */
    public HttpResponse<String> stripe(String connection, String secret, String body) throws IOException, InterruptedException {
        long t = Instant.now().getEpochSecond();
        String v1 = HexFormat.of().formatHex(hmac(secret, (t + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe/" + connection))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + v1).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
