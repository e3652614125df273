package io.mekong.sandbox.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.WebhookSender;
import io.mekong.sandbox.shopify.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WooCommerceSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (WooTestStores.READ_KEY.consumerKey() + ":" + WooTestStores.READ_KEY.consumerSecret()).getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = WooTestStores.clock();
    private final WooStore store = WooTestStores.store(clock, 20, 45, FaultPlan.NONE);
    private final WooCommerceSimulator simulator = new WooCommerceSimulator(store, "/wc");

    private SimulatorResponse get(String pathAndQuery, String authorization) {
        Map<String, String> headers = authorization == null ? Map.of("Host", "shop.local")
                : Map.of("Host", "shop.local", "Authorization", authorization);
        return simulator.handle("GET", WooCommerceSimulator.API + pathAndQuery, headers, new byte[0]);
    }

    private static JsonNode body(SimulatorResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void refusesMissingUnknownAndWrongCredentialsAndKeysWithoutReadPermission() throws Exception {
        SimulatorResponse none = get("/orders", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(body(none).get("code").asText()).isEqualTo("woocommerce_rest_cannot_view");

        String unknown = "Basic " + Base64.getEncoder().encodeToString("ck_nope:cs_nope".getBytes(StandardCharsets.UTF_8));
        assertThat(body(get("/orders", unknown)).get("message").asText()).isEqualTo("Consumer key is invalid.");

        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString("ck_test_read:cs_wrong".getBytes(StandardCharsets.UTF_8));
        assertThat(body(get("/orders", wrongSecret)).get("message").asText()).isEqualTo("Consumer secret is invalid.");

        String writeOnly = "Basic " + Base64.getEncoder().encodeToString("ck_test_write:cs_test_write".getBytes(StandardCharsets.UTF_8));
        SimulatorResponse refused = get("/customers", writeOnly);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(body(refused).get("message").asText()).isEqualTo("The API key provided does not have read permissions.");

        // the key may also come as query parameters (over HTTPS)
        assertThat(get("/orders?consumer_key=ck_test_read&consumer_secret=cs_test_read", null).status()).isEqualTo(200);
    }

    @Test
    void pagesWithTotalsAndLinkHeadersThatKeepTheOtherParameters() throws Exception {
        SimulatorResponse first = get("/orders?orderby=id&order=asc&per_page=20", BASIC);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers()).containsEntry("X-WP-Total", "45").containsEntry("X-WP-TotalPages", "3");
        assertThat(first.headers().get("Link"))
                .isEqualTo("<http://shop.local/wc/wp-json/wc/v3/orders?orderby=id&order=asc&per_page=20&page=2>; rel=\"next\"");
        assertThat(body(first)).hasSize(20);
        assertThat(body(first).get(0).get("id").asLong()).isLessThan(body(first).get(1).get("id").asLong());

        SimulatorResponse last = get("/orders?orderby=id&order=asc&per_page=20&page=3", BASIC);
        assertThat(body(last)).hasSize(5);
        assertThat(last.headers().get("Link")).contains("page=2>; rel=\"prev\"").doesNotContain("rel=\"next\"");

        List<Long> ids = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            body(get("/orders?orderby=id&order=asc&per_page=20&page=" + page, BASIC)).forEach(o -> ids.add(o.get("id").asLong()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(45);

        SimulatorResponse past = get("/orders?per_page=20&page=4", BASIC);
        assertThat(past.status()).isEqualTo(400);
        assertThat(body(past).get("code").asText()).isEqualTo("rest_post_invalid_page_number");

        SimulatorResponse tooBig = get("/orders?per_page=101", BASIC);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(body(tooBig).get("code").asText()).isEqualTo("rest_invalid_param");
        assertThat(body(tooBig).at("/data/params/per_page").asText()).contains("between 1 (inclusive) and 100 (inclusive)");
    }

    @Test
    void readsOnlyOrdersModifiedAfterAGmtTimeAndTheirNotes() throws Exception {
        long id = body(get("/orders?orderby=id&order=asc&per_page=1", BASIC)).get(0).get("id").asLong();
        clock.advance(Duration.ofMinutes(5));
        String before = WooStore.TIME.format(clock.instant().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime());
        clock.advance(Duration.ofMinutes(5));
        store.addOrderNote(id, "Khách hẹn giao sau 18h", true);

        JsonNode changed = body(get("/orders?modified_after=" + before + "&dates_are_gmt=true&orderby=modified&order=asc", BASIC));
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("id").asLong()).isEqualTo(id);
        // the local time is seven hours ahead of the GMT one (Asia/Ho_Chi_Minh)
        assertThat(changed.get(0).get("date_modified").asText()).isEqualTo(
                WooStore.TIME.format(clock.instant().atOffset(java.time.ZoneOffset.ofHours(7)).toLocalDateTime()));
        // without dates_are_gmt the same text is read in the site's zone: seven hours earlier, so everything is newer
        assertThat(body(get("/orders?modified_after=" + before + "&per_page=100", BASIC))).hasSize(1);
        assertThat(body(get("/orders?modified_after=2025-01-01T00:00:00&per_page=100", BASIC))).hasSize(45);

        JsonNode notes = body(get("/orders/" + id + "/notes", BASIC));
        assertThat(notes.get(0).get("note").asText()).isEqualTo("Khách hẹn giao sau 18h");
        assertThat(notes.get(0).get("customer_note").asBoolean()).isTrue();
        assertThat(get("/orders/999999/notes", BASIC).status()).isEqualTo(404);
        assertThat(body(get("/orders/999999", BASIC)).get("code").asText()).isEqualTo("woocommerce_rest_shop_order_invalid_id");
    }

    @Test
    void seedsLookLikeAVietnameseShopWithGuestsAndPeopleTypedDifferently() throws Exception {
        JsonNode orders = body(get("/orders?per_page=100", BASIC));
        assertThat(orders).anySatisfy(o -> assertThat(o.get("customer_id").asLong()).isZero());
        assertThat(orders).allSatisfy(o -> {
            assertThat(o.get("currency").asText()).isEqualTo("VND");
            assertThat(o.get("total").isTextual()).isTrue();
        });
        JsonNode customers = body(get("/customers?per_page=100", BASIC));
        assertThat(customers).hasSize(20);
        assertThat(customers).anySatisfy(c -> assertThat(c.at("/billing/phone").asText()).matches("0\\d{3} \\d{3} \\d{3}"));
        assertThat(customers.toString()).containsPattern("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]");
    }

    @Test
    void aThrottlingHostAnswers429WithRetryAfter() throws Exception {
        WooCommerceSimulator throttled = new WooCommerceSimulator(
                WooTestStores.store(clock, 5, 5, FaultPlan.NONE.withThrottleEveryNth(2, 3)), "");
        Map<String, String> headers = Map.of("Authorization", BASIC);
        assertThat(throttled.handle("GET", WooCommerceSimulator.API + "/orders", headers, new byte[0]).status()).isEqualTo(200);
        SimulatorResponse slow = throttled.handle("GET", WooCommerceSimulator.API + "/orders", headers, new byte[0]);
        assertThat(slow.status()).isEqualTo(429);
        assertThat(slow.headers()).containsEntry("Retry-After", "3");
    }

    @Test
    void webhooksCarryTheResourceSignedWithTheSecretAndAreNotRetried() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        try (SandboxHttpServer receiver = SandboxHttpServer.start((method, path, headers, body) -> {
                 received.add(Map.copyOf(headers));
                 bodies.add(body);
                 two.countDown();
                 // the first delivery fails: WooCommerce does not send it again
                 return SimulatorResponse.json(received.size() == 1 ? 500 : 200, "{}");
             });
             WebhookSender sender = new WebhookSender(WooWebhooks.RETRIES)) {
            new WooWebhooks(sender).subscribe(store, URI.create(receiver.baseUrl() + "/hook"), "s3cret", WooWebhooks.ALL);
            long id = store.orders().get(0).get("id").asLong();
            store.updateOrder(id, o -> o.put("status", "completed"));
            store.deleteOrder(id);
            assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();

            Map<String, String> updated = received.get(0);
            assertThat(updated.get("X-wc-webhook-topic")).isEqualTo("order.updated");
            assertThat(updated.get("X-wc-webhook-signature")).isEqualTo(hmacBase64(bodies.get(0), "s3cret"));
            assertThat(updated.get("X-wc-webhook-source")).isEqualTo("https://shop.test.vn/");
            assertThat(updated.get("X-wc-webhook-delivery-id")).isNotEqualTo(received.get(1).get("X-wc-webhook-delivery-id"));
            assertThat(JSON.readTree(bodies.get(0)).get("status").asText()).isEqualTo("completed");
            assertThat(received.get(1).get("X-wc-webhook-topic")).isEqualTo("order.deleted");
            assertThat(JSON.readTree(bodies.get(1)).toString()).isEqualTo("{\"id\":" + id + "}");
            // the failed first delivery is given up at once: WooCommerce plans no retry
            assertThat(WooWebhooks.RETRIES.retries()).isZero();
            assertThat(received).hasSize(2);
        }
    }

    /** Written here from the JDK, as a receiver would: neither the simulator's signer nor the hub's. */
    private static String hmacBase64(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
