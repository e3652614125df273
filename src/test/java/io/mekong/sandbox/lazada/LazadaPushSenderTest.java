package io.mekong.sandbox.lazada;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.webhook.LazadaPushVerifier;
import io.mekong.webhook.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated app's pushes, received over real HTTP and checked with the hub's own Lazada push verifier. */
class LazadaPushSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeTime time = new FakeTime();
    private final LazadaPushSender pushes = new LazadaPushSender(time);
    private final LazadaSeller seller = LazadaTestShop.seller(time, 60, pushes);
    private final List<WebhookRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private SandboxHttpServer callback;

    @AfterEach
    void stop() {
        callback.close();
    }

    private void listen() {
        callback = SandboxHttpServer.start((method, path, headers, body) -> {
            received.add(new WebhookRequest(body, headers, path));
            return failFirst.getAndDecrement() > 0 ? SimulatorResponse.json(500, "{}") : SimulatorResponse.json(200, "{}");
        });
        pushes.subscribe(URI.create(callback.baseUrl() + "/webhooks/lazada/c1"));
    }

    private String orderWithRows(int rows) {
        return seller.orderIds().stream().filter(id -> seller.items(id).orElseThrow().size() == rows).findFirst().orElseThrow();
    }

    @Test
    void aCancellationPushesOneSignedTradeOrderMessagePerItemRow() throws IOException {
        listen();
        String order = orderWithRows(2);

        seller.cancel(order, "Out of Stock");

        assertThat(received).hasSize(2);
        LazadaPushVerifier verifier = new LazadaPushVerifier(LazadaTestShop.APP.appKey(), LazadaTestShop.APP.appSecret());
        List<String> rows = seller.items(order).orElseThrow().findValuesAsText("order_item_id");
        for (WebhookRequest push : received) {
            assertThat(verifier.problem(push)).as("signed as Lazada signs").isNull();
            JsonNode message = JSON.readTree(push.body());
            assertThat(message.get("message_type").asInt()).isZero();
            assertThat(message.get("seller_id").asText()).isEqualTo(seller.sellerId());
            assertThat(message.get("site").asText()).isEqualTo("lazada_vn");
            assertThat(message.get("timestamp").asLong()).isEqualTo(time.millis());
            assertThat(message.at("/data/order_status").asText()).isEqualTo("canceled");
            assertThat(message.at("/data/trade_order_id").asText()).isEqualTo(order);
            assertThat(rows).contains(message.at("/data/trade_order_line_id").asText());
        }
        assertThat(pushes.waiting()).isZero();
    }

    @Test
    void anUnacknowledgedPushIsSentAgainEveryThirtyMinutesTwelveTimesAtMost() {
        listen();
        failFirst.set(Integer.MAX_VALUE);

        seller.cancel(orderWithRows(1), "Thay đổi ý định");
        int beforeDue = pushes.redeliverDue();
        int sentBeforeDue = received.size();
        for (int retry = 0; retry < LazadaPushSender.MAX_RETRIES; retry++) {
            time.sleep(LazadaPushSender.RETRY_INTERVAL);
            pushes.redeliverDue();
        }
        time.sleep(LazadaPushSender.RETRY_INTERVAL);
        pushes.redeliverDue();

        assertThat(beforeDue).as("waiting for its retry").isEqualTo(1);
        assertThat(sentBeforeDue).as("not sent again before 30 minutes").isEqualTo(1);
        assertThat(received).as("the first try and 12 retries").hasSize(1 + LazadaPushSender.MAX_RETRIES);
        assertThat(received).extracting(r -> new String(r.body())).as("the same message each time").containsOnly(new String(received.get(0).body()));
        assertThat(pushes.waiting()).as("given up").isZero();
    }

    @Test
    void aRetryThatIsAcknowledgedEndsTheDeliveries() {
        listen();
        failFirst.set(1);

        seller.cancel(orderWithRows(1), "Out of Stock");
        time.sleep(LazadaPushSender.RETRY_INTERVAL);
        int left = pushes.redeliverDue();
        time.sleep(LazadaPushSender.RETRY_INTERVAL);
        pushes.redeliverDue();

        assertThat(left).isZero();
        assertThat(received).hasSize(2);
    }
}
