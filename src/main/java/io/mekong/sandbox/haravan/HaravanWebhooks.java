package io.mekong.sandbox.haravan;

import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An app's webhook subscription on a simulated shop: each change of a subscribed topic is POSTed with the resource as
 * the API shows it, {@code X-Haravan-Topic}, {@code X-Haravan-Org-Id} and {@code X-Haravan-Hmacsha256} (base64
 * HMAC-SHA256 of the raw body with the app's client secret). Haravan's retry schedule is not published (unverified):
 * Shopify's is assumed, which it otherwise follows.
 */
public final class HaravanWebhooks {

    /** Unverified: Shopify's schedule (8 retries with exponential backoff from about a minute). */
    public static final WebhookSender.RetryPlan RETRIES = new WebhookSender.RetryPlan(8, Duration.ofSeconds(57), 2,
            Duration.ofSeconds(5));
    /** Every topic of orders and customers. */
    public static final Set<String> ALL = Set.of("orders/create", "orders/updated", "orders/paid", "orders/cancelled",
            "orders/fulfilled", "orders/delete", "customers/create", "customers/update", "customers/delete");

    private final WebhookSender sender;

    public HaravanWebhooks(WebhookSender sender) {
        this.sender = sender;
    }

    public void subscribe(HaravanShop shop, URI callbackUrl, String clientSecret, Set<String> topics) {
        shop.onChange(change -> {
            if (topics.contains(change.topic())) {
                sender.send(delivery(shop, change, callbackUrl, clientSecret));
            }
        });
    }

    /** One delivery of {@code change} as Haravan makes it. */
    static WebhookSender.Delivery delivery(HaravanShop shop, HaravanShop.Change change, URI callbackUrl, String clientSecret) {
        byte[] body = change.payload().toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Haravan-Topic", change.topic());
        headers.put("X-Haravan-Org-Id", Long.toString(shop.orgId()));
        headers.put("X-Haravan-Hmacsha256", sign(body, clientSecret));
        return WebhookSender.Delivery.of(callbackUrl, body, headers);
    }

    /** The simulator's own signer (never the hub's): base64 of HMAC-SHA256 over the raw body. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
