package io.mekong.sandbox.lazada;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.webhook.LazadaPushVerifier;
import io.mekong.webhook.WebhookRequest;
import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated app's pushes, received over real HTTP and checked with the hub's own Lazada push verifier. */
class LazadaPushSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeTime time = new FakeTime();
    // Lazada's plan (12 retries at a fixed interval) with the interval shortened for the test
    private final WebhookSender sender = new WebhookSender(new WebhookSender.RetryPlan(WebhookSender.RetryPlan.LAZADA.retries(),
            Duration.ofMillis(20), WebhookSender.RetryPlan.LAZADA.growth(), Duration.ofSeconds(5)));
    private final LazadaPushSender pushes = new LazadaPushSender(sender, time);
    private final LazadaSeller seller = LazadaTestShop.seller(time, 60, pushes);
    private final List<WebhookRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private SandboxHttpServer callback;

    @AfterEach
    void stop() {
        sender.close();
        callback.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
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
    void aCancellationPushesOneSignedTradeOrderMessagePerItemRow() throws Exception {
        listen();
        String order = orderWithRows(2);

        seller.cancel(order, "Out of Stock");
        await(() -> sender.delivered() == 2);

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
        assertThat(sender.givenUp()).isZero();
    }

    @Test
    void anUnacknowledgedPushIsSentAgainTwelveTimesAtMostTheSameMessageEachTime() throws Exception {
        listen();
        failFirst.set(Integer.MAX_VALUE);

        seller.cancel(orderWithRows(1), "Thay đổi ý định");
        await(() -> sender.givenUp() == 1);

        assertThat(received).as("the first try and 12 retries").hasSize(1 + WebhookSender.RetryPlan.LAZADA.retries());
        assertThat(received).extracting(r -> new String(r.body())).as("the same message each time").containsOnly(new String(received.get(0).body()));
        assertThat(WebhookSender.RetryPlan.LAZADA.firstPause()).as("every 30 minutes").isEqualTo(Duration.ofMinutes(30));
        assertThat(WebhookSender.RetryPlan.LAZADA.growth()).as("at a fixed interval").isEqualTo(1);
    }

    @Test
    void aRetryThatIsAcknowledgedEndsTheDeliveries() throws Exception {
        listen();
        failFirst.set(1);

        seller.cancel(orderWithRows(1), "Out of Stock");
        await(() -> sender.delivered() == 1);

        assertThat(received).hasSize(2);
        assertThat(sender.givenUp()).isZero();
    }
}
