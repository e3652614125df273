package io.mekong.sandbox.shopee;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.VendorHmac;
import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The push of a simulated shop's partner app: each change of an order is POSTed to the app's callback URL as an order
 * status push (code 3, {@code {"data":{"ordersn","status","update_time"},"shop_id","code":3,"timestamp"}}) with
 * {@code Authorization} = hex HMAC-SHA256 of {@code callbackUrl + "|" + body} under the partner key, and retried
 * ({@link WebhookSender.RetryPlan#SHOPEE}).
 */
public final class ShopeePush {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSender sender;
    private final Clock clock;

    public ShopeePush(WebhookSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    public void subscribe(ShopeeShop shop, String callbackUrl, String partnerKey) {
        shop.onOrderChange(order -> {
            ObjectNode push = JSON.createObjectNode();
            push.putObject("data").put("ordersn", order.get("order_sn").asText())
                    .put("status", order.get("order_status").asText()).put("update_time", order.get("update_time").asLong());
            push.put("shop_id", shop.shopId()).put("code", 3).put("timestamp", clock.instant().getEpochSecond());
            byte[] body = push.toString().getBytes(StandardCharsets.UTF_8);
            String signature = VendorHmac.sha256Hex(partnerKey, (callbackUrl + "|").getBytes(StandardCharsets.UTF_8), body);
            sender.send(WebhookSender.Delivery.of(URI.create(callbackUrl), body,
                    Map.of("Content-Type", "application/json", "Authorization", signature)));
        });
    }
}
