package io.mekong.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Simulated senders deliver over real HTTP and retry a failed delivery with the same bytes and headers. */
class WebhookSenderTest {

    private static final WebhookSender.RetryPlan FAST = new WebhookSender.RetryPlan(3, Duration.ofMillis(20), 2, Duration.ofSeconds(2));

    private static void await(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    @Test
    void aFailedDeliveryIsSentAgainUnchangedUntilItIsAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (SandboxHttpServer receiver = SandboxHttpServer.start((method, path, headers, body) ->
                SimulatorResponse.json(calls.incrementAndGet() <= 2 ? 503 : 200, "{}"));
             WebhookSender sender = new WebhookSender(FAST)) {
            byte[] body = "{\"id\":1,\"note\":\"Giao hàng nhanh\"}".getBytes(StandardCharsets.UTF_8);
            sender.send(WebhookSender.Delivery.of(URI.create(receiver.baseUrl() + "/hook"), body,
                    Map.of("X-Shopify-Webhook-Id", "w-1", "X-Shopify-Hmac-Sha256", "sig")));

            await(() -> sender.delivered() == 1);

            assertThat(sender.attempts()).extracting(WebhookSender.Attempt::status).containsExactly(503, 503, 200);
            assertThat(sender.attempts()).extracting(WebhookSender.Attempt::attempt).containsExactly(0, 1, 2);
            assertThat(sender.attempts()).allSatisfy(a -> {
                assertThat(a.delivery().body()).isEqualTo(body);
                assertThat(a.headers()).containsEntry("X-Shopify-Webhook-Id", "w-1");
            });
            assertThat(sender.givenUp()).isZero();
        }
    }

    @Test
    void headersAreMadeForEachAttemptSoASenderCanSignEachWithItsOwnTime() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger signatures = new AtomicInteger();
        try (SandboxHttpServer receiver = SandboxHttpServer.start((method, path, headers, body) ->
                SimulatorResponse.json(calls.incrementAndGet() == 1 ? 500 : 200, "{}"));
             WebhookSender sender = new WebhookSender(FAST)) {
            sender.send(new WebhookSender.Delivery(URI.create(receiver.baseUrl() + "/hook"), new byte[] {'{', '}'},
                    () -> Map.of("Stripe-Signature", "t=" + signatures.incrementAndGet())));

            await(() -> sender.delivered() == 1);

            assertThat(sender.attempts()).extracting(a -> a.headers().get("Stripe-Signature")).containsExactly("t=1", "t=2");
        }
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAfterTheLastRetry() throws Exception {
        try (SandboxHttpServer receiver = SandboxHttpServer.start((method, path, headers, body) -> SimulatorResponse.json(500, "{}"));
             WebhookSender sender = new WebhookSender(FAST)) {
            sender.send(WebhookSender.Delivery.of(URI.create(receiver.baseUrl() + "/hook"), new byte[] {'{', '}'}, Map.of()));

            await(() -> sender.givenUp() == 1);

            assertThat(sender.attempts()).hasSize(1 + FAST.retries()).allSatisfy(a -> assertThat(a.status()).isEqualTo(500));
            assertThat(sender.delivered()).isZero();
        }
    }

    @Test
    void pausesGrowByTheirFactorFromTheFirstOne() {
        WebhookSender.RetryPlan exponential = new WebhookSender.RetryPlan(8, Duration.ofSeconds(57), 2, Duration.ofSeconds(5));
        WebhookSender.RetryPlan fixed = WebhookSender.RetryPlan.LAZADA;

        assertThat(List.of(1, 2, 3, 8)).extracting(n -> Duration.ofNanos(exponential.pauseBefore(n)).toSeconds())
                .containsExactly(57L, 114L, 228L, 7296L);
        assertThat(List.of(1, 2, 12)).extracting(n -> Duration.ofNanos(fixed.pauseBefore(n)).toMinutes())
                .containsExactly(30L, 30L, 30L);
    }

    @Test
    void anUnreachableReceiverCountsAsAFailure() throws Exception {
        String closed;
        try (SandboxHttpServer gone = SandboxHttpServer.start((method, path, headers, body) -> SimulatorResponse.json(200, "{}"))) {
            closed = gone.baseUrl();
        }
        try (WebhookSender sender = new WebhookSender(FAST)) {
            sender.send(WebhookSender.Delivery.of(URI.create(closed + "/hook"), new byte[] {'{', '}'}, Map.of()));

            await(() -> sender.givenUp() == 1);

            assertThat(sender.attempts()).hasSize(1 + FAST.retries()).allSatisfy(a -> assertThat(a.status()).isZero());
        }
    }
}
