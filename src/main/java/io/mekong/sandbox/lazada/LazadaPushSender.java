package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.auth.Hmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lazada Push Mechanism of the simulated sellers' app: when an item row changes status, a trade-order message
 * for that row is POSTed to the app's callback URL, {@code Authorization} = lowercase hex HMAC-SHA256(app secret,
 * app key + body). At least once: a message not answered with HTTP 200 is sent again every 30 minutes, at most 12
 * more times, as Lazada does; {@link #redeliverDue()} sends those whose time has come.
 */
public final class LazadaPushSender {

    static final Duration RETRY_INTERVAL = Duration.ofMinutes(30);
    static final int MAX_RETRIES = 12;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private record Message(URI callback, byte[] body, String signature, int retries, Instant due) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock;
    private final List<Message> waiting = new ArrayList<>();
    private URI callback;

    public LazadaPushSender(Clock clock) {
        this.clock = clock;
    }

    /** Where the app receives pushes (the URL registered in the Open Platform console); null stops pushing. */
    public synchronized void subscribe(URI callbackUrl) {
        this.callback = callbackUrl;
    }

    /** Pushes the status of one item row of a seller's order. */
    void rowChanged(LazadaSeller seller, JsonNode row) {
        URI target;
        synchronized (this) {
            target = callback;
        }
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
        String signature = HexFormat.of().formatHex(Hmac.sha256(seller.app().appSecret(),
                seller.app().appKey().getBytes(StandardCharsets.UTF_8), body));
        deliver(new Message(target, body, signature, 0, clock.instant()));
    }

    /** Sends again the messages whose retry is due; returns how many still wait. */
    public int redeliverDue() {
        List<Message> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            waiting.removeIf(m -> !m.due().isAfter(now) && due.add(m));
        }
        due.forEach(this::deliver);
        return waiting();
    }

    /** Messages not yet acknowledged that will be sent again. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void deliver(Message message) {
        if (!acknowledged(message)) {
            synchronized (this) {
                if (message.retries() < MAX_RETRIES) {
                    waiting.add(new Message(message.callback(), message.body(), message.signature(), message.retries() + 1,
                            clock.instant().plus(RETRY_INTERVAL)));
                }
            }
        }
    }

    private boolean acknowledged(Message message) {
        HttpRequest request = HttpRequest.newBuilder(message.callback()).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", message.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
