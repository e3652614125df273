package io.mekong.sandbox.woocommerce;

import io.mekong.sandbox.WebhookEndpoints;
import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks of a simulated store, as made in WooCommerce > Settings > Advanced > Webhooks (API version v3): each
 * change of a subscribed topic is POSTed with the resource as the v3 API shows it, signed in
 * {@code X-WC-Webhook-Signature} (base64 HMAC-SHA256 of the raw body with the webhook's secret), with
 * {@code X-WC-Webhook-Source}, {@code -Topic}, {@code -Resource}, {@code -Event}, {@code -ID} and a new
 * {@code -Delivery-ID} for every delivery. WooCommerce does not retry a failed delivery ({@link #RETRIES}).
 */
public final class WooWebhooks {

    /** WooCommerce sends each delivery once; a failed one is only logged (and five in a row disable the webhook). */
    public static final WebhookSender.RetryPlan RETRIES = new WebhookSender.RetryPlan(0, java.time.Duration.ofSeconds(1), 1,
            java.time.Duration.ofSeconds(5));
    /** Every topic of orders and customers. */
    public static final Set<String> ALL = Set.of("order.created", "order.updated", "order.deleted", "customer.created",
            "customer.updated", "customer.deleted");

    private final WebhookSender sender;
    private final AtomicLong deliveries = new AtomicLong(1000);
    private final AtomicLong webhookIds = new AtomicLong();
    private final WebhookEndpoints<WooStore> endpoints = new WebhookEndpoints<>();

    public WooWebhooks(WebhookSender sender) {
        this.sender = sender;
    }

    /** Registers a webhook for {@code topics} of {@code store} to {@code deliveryUrl}, signed with {@code secret}. */
    public void subscribe(WooStore store, URI deliveryUrl, String secret, Set<String> topics) {
        endpoints.add(store, deliveryUrl, secret);
        long webhookId = webhookIds.incrementAndGet();
        store.onChange(change -> {
            if (topics.contains(change.topic())) {
                sender.send(delivery(store, change, deliveryUrl, secret, webhookId));
            }
        });
    }

    /** The store's webhooks, as WooCommerce > Settings > Advanced > Webhooks lists them with their secrets. */
    public List<WebhookEndpoints.Endpoint> endpoints(WooStore store) {
        return endpoints.of(store);
    }

    /** One delivery of {@code change} as WooCommerce makes it, with a new delivery id. */
    WebhookSender.Delivery delivery(WooStore store, WooStore.Change change, URI deliveryUrl, String secret, long webhookId) {
        byte[] body = change.payload().toString().getBytes(StandardCharsets.UTF_8);
        String[] parts = change.topic().split("\\.");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)");
        headers.put("X-WC-Webhook-Source", store.siteUrl() + "/");
        headers.put("X-WC-Webhook-Topic", change.topic());
        headers.put("X-WC-Webhook-Resource", parts[0]);
        headers.put("X-WC-Webhook-Event", parts[1]);
        headers.put("X-WC-Webhook-Signature", sign(body, secret));
        headers.put("X-WC-Webhook-ID", Long.toString(webhookId));
        headers.put("X-WC-Webhook-Delivery-ID", Long.toString(deliveries.incrementAndGet()));
        return WebhookSender.Delivery.of(deliveryUrl, body, headers);
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
