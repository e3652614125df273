package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.VendorHmac;
import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The Lazada Push Mechanism of the simulated sellers' app: when an item row changes status, a trade-order message
 * for that row is POSTed to the app's callback URL, {@code Authorization} = lowercase hex HMAC-SHA256(app secret,
 * app key + body). At least once: a message not answered with HTTP 200 is sent again every 30 minutes, at most 12
 * more times, as Lazada does ({@link WebhookSender.RetryPlan#LAZADA}).
 */
public final class LazadaPushSender {

    private final WebhookSender sender;
    private final Clock clock;
    private volatile URI callback;

    public LazadaPushSender(WebhookSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    /** Where the app receives pushes (the URL registered in the Open Platform console); null stops pushing. */
    public void subscribe(URI callbackUrl) {
        this.callback = callbackUrl;
    }

    /** Pushes the status of one item row of a seller's order. */
    void rowChanged(LazadaSeller seller, JsonNode row) {
        URI target = callback;
        if (target == null) {
            return;
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("seller_id", seller.sellerId()).put("message_type", 0);
        message.putObject("data").put("order_status", row.get("status").asText())
                .put("status_update_time", clock.instant().getEpochSecond())
                .put("trade_order_id", row.get("order_id").asText())
                .put("trade_order_line_id", row.get("order_item_id").asText());
        message.put("timestamp", clock.millis()).put("site", seller.site());
        byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
        String signature = VendorHmac.sha256Hex(seller.app().appSecret(),
                seller.app().appKey().getBytes(StandardCharsets.UTF_8), body);
        sender.send(WebhookSender.Delivery.of(target, body, Map.of("Content-Type", "application/json", "Authorization", signature)));
    }
}
