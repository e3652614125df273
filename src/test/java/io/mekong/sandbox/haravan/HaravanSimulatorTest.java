package io.mekong.sandbox.haravan;

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
import java.time.Instant;
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

class HaravanSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-12-01T00:00:00Z"));
    private final HaravanSimulator simulator = HaravanTestShops.simulator(clock, Duration.ofHours(1), 20, 120, FaultPlan.NONE);

    private SimulatorResponse get(String pathAndQuery, String token) {
        return simulator.handle("GET", pathAndQuery, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
                new byte[0]);
    }

    private SimulatorResponse refresh(String refreshToken, String clientSecret) {
        String form = "grant_type=refresh_token&refresh_token=" + refreshToken + "&client_id=" + HaravanTestShops.APP.clientId()
                + "&client_secret=" + clientSecret;
        return simulator.handle("POST", "/connect/token", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(SimulatorResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void accessTokensExpireAndRefreshTokensRotateAndAreSpentOnUse() throws Exception {
        assertThat(get("/com/orders.json", HaravanTestShops.ACCESS_TOKEN).status()).isEqualTo(200);
        assertThat(get("/com/orders.json", null).status()).isEqualTo(401);

        clock.advance(Duration.ofHours(1));
        SimulatorResponse expired = get("/com/orders.json", HaravanTestShops.ACCESS_TOKEN);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.headers().get("WWW-Authenticate")).contains("invalid_token").contains("expired");

        assertThat(body(refresh(HaravanTestShops.REFRESH_TOKEN, "wrong")).get("error").asText()).isEqualTo("invalid_client");
        SimulatorResponse renewed = refresh(HaravanTestShops.REFRESH_TOKEN, HaravanTestShops.APP.clientSecret());
        assertThat(renewed.status()).isEqualTo(200);
        JsonNode tokens = body(renewed);
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.get("refresh_token").asText()).isNotEqualTo(HaravanTestShops.REFRESH_TOKEN);
        assertThat(get("/com/orders.json", tokens.get("access_token").asText()).status()).isEqualTo(200);

        // the old refresh token was spent: a second use is refused, the rotated one works once
        assertThat(refresh(HaravanTestShops.REFRESH_TOKEN, HaravanTestShops.APP.clientSecret()).status()).isEqualTo(400);
        assertThat(body(refresh(HaravanTestShops.REFRESH_TOKEN, HaravanTestShops.APP.clientSecret())).get("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(refresh(tokens.get("refresh_token").asText(), HaravanTestShops.APP.clientSecret()).status()).isEqualTo(200);
        assertThat(simulator.accounts().refreshTokenLive(tokens.get("refresh_token").asText())).isFalse();
    }

    @Test
    void pagesWithLimitAndPageUntilAShortPageNewestFirst() throws Exception {
        List<Long> ids = new ArrayList<>();
        int page = 1;
        JsonNode orders;
        do {
            orders = body(get("/com/orders.json?status=any&limit=50&page=" + page++, HaravanTestShops.ACCESS_TOKEN)).get("orders");
            orders.forEach(o -> ids.add(o.get("id").asLong()));
        } while (orders.size() == 50);
        assertThat(ids).hasSize(120).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(body(get("/com/orders/count.json?status=any", HaravanTestShops.ACCESS_TOKEN)).get("count").asInt()).isEqualTo(120);
        // the default status is open: cancelled and closed orders are left out
        assertThat(body(get("/com/orders/count.json", HaravanTestShops.ACCESS_TOKEN)).get("count").asInt()).isLessThan(120);
        assertThat(get("/com/orders.json?limit=251", HaravanTestShops.ACCESS_TOKEN).status()).isEqualTo(422);
    }

    @Test
    void filtersOnUpdatedAtMin() throws Exception {
        HaravanShop shop = simulator.shop(HaravanTestShops.ORG_ID);
        long id = shop.orders().get(3).get("id").asLong();
        clock.advance(Duration.ofMinutes(1));
        shop.updateOrder(id, "orders/updated", o -> o.put("note", "Đổi địa chỉ giao hàng"));
        JsonNode changed = body(get("/com/orders.json?status=any&updated_at_min=" + clock.instant().minusSeconds(1),
                HaravanTestShops.ACCESS_TOKEN)).get("orders");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("note").asText()).isEqualTo("Đổi địa chỉ giao hàng");
        assertThat(body(get("/com/orders/" + id + ".json", HaravanTestShops.ACCESS_TOKEN)).at("/order/id").asLong()).isEqualTo(id);
        assertThat(get("/com/orders/1.json", HaravanTestShops.ACCESS_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void theLeakyBucketThrottlesABurstWith429AndRetryAfter() {
        SimulatorResponse last = null;
        for (int i = 0; i <= HaravanShop.BUCKET; i++) {
            last = get("/com/customers.json", HaravanTestShops.ACCESS_TOKEN);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.headers()).containsKey("Retry-After").containsEntry("X-Haravan-Api-Call-Limit", "80/80");
        clock.advance(Duration.ofSeconds(1));
        SimulatorResponse after = get("/com/customers.json", HaravanTestShops.ACCESS_TOKEN);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.headers().get("X-Haravan-Api-Call-Limit")).isEqualTo("77/80");
    }

    @Test
    void seedsLookLikeAVietnameseShopWithGuestsAndPeopleTypedDifferently() throws Exception {
        JsonNode orders = body(get("/com/orders.json?status=any&limit=250", HaravanTestShops.ACCESS_TOKEN)).get("orders");
        assertThat(orders).anySatisfy(o -> assertThat(o.get("customer").isNull()).isTrue());
        assertThat(orders).allSatisfy(o -> assertThat(o.get("currency").asText()).isEqualTo("VND"));
        assertThat(orders).anySatisfy(o -> assertThat(o.get("cancelled_status").asText()).isEqualTo("cancelled"));
        JsonNode customers = body(get("/com/customers.json?limit=250", HaravanTestShops.ACCESS_TOKEN)).get("customers");
        assertThat(customers).hasSize(20);
        assertThat(customers).anySatisfy(c -> assertThat(c.get("phone").asText()).startsWith("0"));
    }

    @Test
    void webhooksAreSignedWithTheAppSecretAndRetriedUntilAnswered() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        try (SandboxHttpServer receiver = SandboxHttpServer.start((method, path, headers, body) -> {
                 received.add(Map.copyOf(headers));
                 bodies.add(body);
                 two.countDown();
                 return SimulatorResponse.json(received.size() == 1 ? 503 : 200, "{}");
             });
             WebhookSender sender = new WebhookSender(new WebhookSender.RetryPlan(1, Duration.ofMillis(10), 1, Duration.ofSeconds(5)))) {
            HaravanShop shop = simulator.shop(HaravanTestShops.ORG_ID);
            new HaravanWebhooks(sender).subscribe(shop, URI.create(receiver.baseUrl() + "/hook"),
                    HaravanTestShops.APP.clientSecret(), HaravanWebhooks.ALL);
            long id = shop.orders().get(0).get("id").asLong();
            shop.cancelOrder(id, "customer");
            assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
            Map<String, String> headers = received.get(1);
            assertThat(headers.get("X-haravan-topic")).isEqualTo("orders/cancelled");
            assertThat(headers.get("X-haravan-org-id")).isEqualTo(Long.toString(HaravanTestShops.ORG_ID));
            assertThat(headers.get("X-haravan-hmacsha256")).isEqualTo(hmacBase64(bodies.get(1), HaravanTestShops.APP.clientSecret()));
            assertThat(JSON.readTree(bodies.get(1)).get("cancelled_status").asText()).isEqualTo("cancelled");
        }
    }

    private static String hmacBase64(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
