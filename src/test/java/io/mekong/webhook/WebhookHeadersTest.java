package io.mekong.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.shopify.Order;
import io.mekong.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shopify's HMAC covers the body only: the topic, the event id and the event time are plain headers anyone who
 * captured one delivery can rewrite. The attack: a captured {@code orders/updated} body resent as
 * {@code orders/delete}, with a new event id and a far-future {@code X-Shopify-Triggered-At}. Each test below
 * failed before the fix it names (see docs/reliability.md "Webhook headers"), except the genuine deletion, which
 * guards that the fix keeps real deletions working.
 */
class WebhookHeadersTest extends HubIntegrationTest {

    private static final String SECRET = "shpss_headers_secret";
    private static final String STRIPE_SECRET = "whsec_headers_secret";
    private static final String FAR_FUTURE = "2099-01-01T00:00:00Z";

    private SignedDeliveries deliveries;

    @BeforeEach
    void connections() {
        deliveries = new SignedDeliveries(port);
        if (jdbc.queryForObject("select count(*) from connection where id = 'hdr-shop'", Integer.class) == 0) {
            call("POST", "/api/connections", Map.of("id", "hdr-shop", "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl(), "currency", "VND"),
                    "secrets", Map.of("accessToken", TOKEN, "webhookSecret", SECRET)), 201);
            call("POST", "/api/connections", Map.of("id", "hdr-stripe", "connector", "stripe",
                    "params", Map.of(), "secrets", Map.of("secretKey", "sk_test_headers", "webhookSecret", STRIPE_SECRET)), 201);
        }
    }

    /** The order as Shopify's REST webhook shows it: its updated_at changes with every change, so does the body. */
    private String body(Order order) {
        return shop().read(() -> "{\"id\":" + order.id + ",\"admin_graphql_api_id\":\"gid://shopify/Order/" + order.id
                + "\",\"updated_at\":\"" + order.updatedAt + "\",\"tags\":\"" + String.join(", ", order.tags) + "\"}");
    }

    private HttpResponse<String> shopify(String topic, String eventId, String body, String triggeredAt) throws Exception {
        return deliveries.shopify("hdr-shop", SECRET, topic, eventId, body, triggeredAt);
    }

    private Map<String, Object> inbox(String connection, String eventId) {
        return jdbc.queryForMap("select status, outcome, occurred_at, received_at from webhook_inbox"
                + " where connection_id = ? and dedupe_key = ?", connection, "event:" + eventId);
    }

    private Map<String, Object> stored(Order order) {
        return jdbc.queryForMap("select deleted, tags, source_updated_at from sales_order where connection_id = 'hdr-shop'"
                + " and external_id = ?", Long.toString(order.id));
    }

    private Order liveOrder(int skip) {
        return shop().orders().stream().filter(o -> o.cancelledAt == null).skip(skip).findFirst().orElseThrow();
    }

    @Test
    void aCapturedUpdateResentAsADeletionAfterTheReplayWindowLeavesTheOrderLiveAndLaterUpdatesApply() throws Exception {
        Order order = liveOrder(23);
        String captured = body(order);
        assertThat(shopify("orders/updated", "evt-upd-" + order.id, captured, null).statusCode()).isEqualTo(200);
        processWebhooks();
        assertThat(stored(order)).containsEntry("deleted", false);
        // the capture is replayed after the replay window: the body-hash dedupe no longer stops it
        jdbc.update("update webhook_inbox set received_at = received_at - interval '30 days' where connection_id = 'hdr-shop'"
                + " and dedupe_key = ?", "event:evt-upd-" + order.id);

        HttpResponse<String> replay = shopify("orders/delete", "evt-forged-" + order.id, captured, FAR_FUTURE);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("status").asText()).isEqualTo("accepted");
        processWebhooks();

        assertThat(inbox("hdr-shop", "evt-forged-" + order.id)).containsEntry("status", "processed")
                .containsEntry("outcome", "not deleted at the source: stored as it is now");
        assertThat(stored(order)).as("the shop still has the order").containsEntry("deleted", false);

        shop().addOrderTag(order.id, "after-the-replay");
        assertThat(shopify("orders/updated", "evt-later-" + order.id, body(order), null).statusCode()).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("hdr-shop", "evt-later-" + order.id)).containsEntry("outcome", "stored");
        assertThat(stored(order)).containsEntry("deleted", false);
        assertThat(stored(order).get("tags").toString()).contains("after-the-replay");
    }

    @Test
    void theSameBodyWithANewEventIdInsideTheReplayWindowIsADuplicate() throws Exception {
        Order order = liveOrder(29);
        String captured = body(order);
        assertThat(shopify("orders/updated", "evt-first-" + order.id, captured, null).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = shopify("orders/delete", "evt-replayed-" + order.id, captured, FAR_FUTURE);

        assertThat(replay.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(replay.body());
        assertThat(answer.get("status").asText()).as(replay.body()).isEqualTo("duplicate");
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'hdr-shop'"
                + " and dedupe_key = ?", Integer.class, "event:evt-replayed-" + order.id)).as("nothing stored").isZero();
        processWebhooks();
        assertThat(stored(order)).containsEntry("deleted", false);
    }

    @Test
    void ofOneBodySentAtOnceUnderManyEventIdsExactlyOneIsStored() throws Exception {
        Order order = liveOrder(41);
        String captured = body(order);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                String eventId = "evt-burst-" + i + "-" + order.id;
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return shopify("orders/updated", eventId, captured, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, senders));
            }
            List<String> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : sent) {
                answers.add(JSON.readTree(answer.get(30, TimeUnit.SECONDS).body()).get("status").asText());
            }
            assertThat(answers).as("every delivery is answered 200; one is stored").containsOnly("accepted", "duplicate")
                    .filteredOn("accepted"::equals).hasSize(1);
        } finally {
            senders.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where connection_id = 'hdr-shop'"
                + " and dedupe_key like ?", Integer.class, "event:evt-burst-%-" + order.id)).isEqualTo(1);
    }

    @Test
    void aFarFutureEventTimeIsCappedAtReceiptSoALaterGenuineUpdateApplies() throws Exception {
        String customer = "{\"id\":\"cus_Hdr1\",\"object\":\"customer\",\"created\":1746100000,\"email\":\"%s\","
                + "\"name\":\"Phạm Văn Đức\",\"phone\":null,\"address\":null,\"metadata\":{}}";
        // a sender's clock (or a forger) dates an event in 2099
        assertThat(deliveries.stripe("hdr-stripe", STRIPE_SECRET, "{\"id\":\"evt_Hdr_future\",\"object\":\"event\","
                + "\"type\":\"customer.updated\",\"created\":4070908800,\"data\":{\"object\":"
                + customer.formatted("future@example.vn") + "}}").statusCode()).isEqualTo(200);
        Map<String, Object> future = inbox("hdr-stripe", "evt_Hdr_future");
        assertThat(future.get("occurred_at")).as("capped at the time of receipt").isEqualTo(future.get("received_at"));
        processWebhooks();

        long now = Instant.now().plusSeconds(1).getEpochSecond();
        assertThat(deliveries.stripe("hdr-stripe", STRIPE_SECRET, "{\"id\":\"evt_Hdr_now\",\"object\":\"event\","
                + "\"type\":\"customer.updated\",\"created\":" + now + ",\"data\":{\"object\":"
                + customer.formatted("now@example.vn") + "}}").statusCode()).isEqualTo(200);
        processWebhooks();

        assertThat(inbox("hdr-stripe", "evt_Hdr_now")).containsEntry("outcome", "stored");
        assertThat(jdbc.queryForObject("select email from customer where connection_id = 'hdr-stripe' and external_id = 'cus_Hdr1'",
                String.class)).isEqualTo("now@example.vn");
    }

    @Test
    void aForgedTriggeredAtDoesNotDateADeletion() throws Exception {
        Order order = liveOrder(31);
        assertThat(shopify("orders/updated", "evt-before-" + order.id, body(order), null).statusCode()).isEqualTo(200);
        processWebhooks();
        shop().deleteOrder(order.id);

        assertThat(shopify("orders/delete", "evt-gone-" + order.id, "{\"id\":" + order.id + "}", FAR_FUTURE).statusCode())
                .isEqualTo(200);
        processWebhooks();

        Map<String, Object> delivery = inbox("hdr-shop", "evt-gone-" + order.id);
        assertThat(delivery).containsEntry("outcome", "deleted");
        assertThat(stored(order)).containsEntry("deleted", true)
                .as("dated at receipt, not in 2099").containsEntry("source_updated_at", delivery.get("received_at"));
    }

    @Test
    void aDeletionTheShopReallyMadeStillBecomesATombstone() throws Exception {
        Order order = liveOrder(37);
        assertThat(shopify("orders/updated", "evt-live-" + order.id, body(order), null).statusCode()).isEqualTo(200);
        processWebhooks();
        shop().deleteOrder(order.id);
        String deletedAt = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();

        assertThat(shopify("orders/delete", "evt-deleted-" + order.id, "{\"id\":" + order.id + "}", deletedAt).statusCode())
                .isEqualTo(200);
        processWebhooks();

        assertThat(inbox("hdr-shop", "evt-deleted-" + order.id)).containsEntry("status", "processed").containsEntry("outcome", "deleted");
        assertThat(stored(order)).containsEntry("deleted", true)
                .containsEntry("source_updated_at", Timestamp.from(Instant.parse(deletedAt)));
    }
}
