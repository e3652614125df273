package io.mekong.sandbox.stripe;

import io.mekong.sandbox.VendorHmac;
import io.mekong.sandbox.WebhookEndpoints;
import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook endpoint of a simulated account, as registered in the Dashboard: each event the account writes is POSTed
 * to it as Stripe does, the event as the body and {@code Stripe-Signature: t=…,v1=…} (hex HMAC-SHA256 of
 * {@code t.body} with the endpoint's {@code whsec_} secret), signed anew at every attempt, and retried as Stripe
 * retries ({@link WebhookSender.RetryPlan#STRIPE}).
 */
public final class StripeWebhooks {

    private final WebhookSender sender;
    private final Clock clock;
    private final WebhookEndpoints<StripeAccount> endpoints = new WebhookEndpoints<>();

    public StripeWebhooks(WebhookSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    public void subscribe(StripeAccount account, URI endpoint, String signingSecret) {
        endpoints.add(account, endpoint, signingSecret);
        account.onEvent(event -> {
            byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
            sender.send(new WebhookSender.Delivery(endpoint, body, () -> headers(body, signingSecret)));
        });
    }

    /** The account's webhook endpoints, as the Dashboard lists them with their signing secrets. */
    public List<WebhookEndpoints.Endpoint> endpoints(StripeAccount account) {
        return endpoints.of(account);
    }

    private Map<String, String> headers(byte[] body, String secret) {
        long t = clock.instant().getEpochSecond();
        String v1 = VendorHmac.sha256Hex(secret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        headers.put("Stripe-Signature", "t=" + t + ",v1=" + v1);
        return headers;
    }
}
