package io.mekong.sandbox.shopee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.FakeTime;
import io.mekong.connector.auth.ShopeeAuthenticator;
import io.mekong.connector.http.HttpCall;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ThrottlePlan;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The simulator's gateway and order APIs, called as a signing client would, and its orders against Shopee's sample. */
class ShopeeSimulatorTest {

    static final ShopeeSimulator.Partner PARTNER = new ShopeeSimulator.Partner(2_001_887L, "partner-key-it");
    static final long SHOP_ID = 600_001L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_OPTIONAL_FIELDS = "buyer_user_id,buyer_username,estimated_shipping_fee,"
            + "recipient_address,actual_shipping_fee,goods_to_declare,note,note_update_time,item_list,pay_time,dropshipper,"
            + "dropshipper_phone,split_up,buyer_cancel_reason,cancel_by,cancel_reason,actual_shipping_fee_confirmed,"
            + "buyer_cpf_id,fulfillment_flag,pickup_done_time,package_list,shipping_carrier,payment_method,total_amount,"
            + "invoice_data,reverse_shipping_fee";

    private final FakeTime time = new FakeTime();
    private final ShopeeShop shop = shop(time, 120);
    private final ShopeeSimulator simulator = new ShopeeSimulator(PARTNER, List.of(shop), time);

    static ShopifyShop people() {
        ShopifyShop people = new ShopifyShop(new ShopSettings("people.myshopify.com", "People", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), "shpat_people", ThrottlePlan.UNMETERED), Clock.systemUTC());
        ShopifySeed.populate(people, 11L, new SeedSize(40, 10, 5));
        return people;
    }

    /** A shop whose orders lie in the 60 days before now: at least four 15-day windows. */
    static ShopeeShop shop(Clock clock, int orders) {
        ShopeeShop shop = new ShopeeShop(SHOP_ID, "VN", "VND", "access-token-1", "refresh-token-1", ShopeeShop.Budget.DEFAULT, clock);
        ShopeeSeed.populate(shop, people(), 7L, orders, clock.instant(), Duration.ofDays(60));
        return shop;
    }

    private JsonNode get(String path, String query) {
        return call("GET", path, query, null, "access-token-1", PARTNER.partnerKey(), SHOP_ID);
    }

    private JsonNode call(String method, String path, String query, String body, String accessToken, String key, long shopId) {
        SimulatorResponse response = send(method, path, query, body, accessToken, key, shopId);
        try {
            return JSON.readTree(response.body()).deepCopy();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.bodyText(), e);
        }
    }

    private SimulatorResponse send(String method, String path, String query, String body, String accessToken, String key, long shopId) {
        HttpCall signed = new ShopeeAuthenticator(Long.toString(PARTNER.partnerId()), key, accessToken,
                accessToken == null ? null : Long.toString(shopId), "", time)
                .authenticate(new HttpCall(method, URI.create("http://sandbox" + path + (query.isEmpty() ? "" : "?" + query)),
                        Map.of(), body, Set.of()));
        return simulator.handle(method, signed.uri().getRawPath() + "?" + signed.uri().getRawQuery(), Map.of(),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    private String range(long from, long to) {
        return "time_range_field=update_time&time_from=" + from + "&time_to=" + to;
    }

    @Test
    void aRangeOverFifteenDaysIsRefusedWithShopeesOwnErrorWhileFifteenDaysExactlyIsRead() {
        long now = time.instant().getEpochSecond();
        JsonNode refused = get(ShopeeOrderApi.LIST_PATH, range(now - 15 * 86_400 - 1, now) + "&page_size=100");
        JsonNode read = get(ShopeeOrderApi.LIST_PATH, range(now - 15 * 86_400, now) + "&page_size=100");

        assertThat(refused.get("error").asText()).isEqualTo("order.order_list_invalid_time");
        assertThat(refused.get("message").asText()).isEqualTo("Start time must be earlier than end time and diff in 15days.");
        assertThat(refused.has("response")).isFalse();
        assertThat(read.get("error").asText()).isEmpty();
        assertThat(read.at("/response/order_list").size()).isPositive();
    }

    @Test
    void theListPagesWithOpaqueCursorsUntilMoreIsFalseAndFiltersByStatus() {
        long now = time.instant().getEpochSecond();
        List<String> sns = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        JsonNode page;
        do {
            page = get(ShopeeOrderApi.LIST_PATH, range(now - 15 * 86_400, now) + "&page_size=7&cursor=" + cursor
                    + "&response_optional_fields=order_status");
            page.at("/response/order_list").forEach(o -> sns.add(o.get("order_sn").asText()));
            assertThat(page.at("/response/order_list/0/order_status").isTextual()).as("asked for").isTrue();
            cursor = page.at("/response/next_cursor").asText();
            pages++;
        } while (page.at("/response/more").asBoolean());

        long inRange = shop.orders().stream().filter(o -> o.get("update_time").asLong() >= now - 15 * 86_400).count();
        assertThat(sns).hasSize((int) inRange).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((int) (inRange + 6) / 7);
        assertThat(cursor).as("the last page's next_cursor").isEmpty();
        assertThat(get(ShopeeOrderApi.LIST_PATH, range(now - 86_400, now) + "&page_size=101").get("error").asText())
                .isEqualTo("error_param");
        assertThat(get(ShopeeOrderApi.LIST_PATH, range(now - 86_400, now) + "&page_size=10&cursor=not-ours").get("message").asText())
                .contains("cursor is invalid");
        long cancelledAt = shop.orders().stream().filter(o -> o.get("order_status").asText().equals("CANCELLED"))
                .findFirst().orElseThrow().get("update_time").asLong();
        JsonNode cancelled = get(ShopeeOrderApi.LIST_PATH, range(cancelledAt - 5 * 86_400, cancelledAt + 5 * 86_400)
                + "&page_size=100&order_status=CANCELLED&response_optional_fields=order_status");
        assertThat(cancelled.at("/response/order_list")).isNotEmpty()
                .allSatisfy(o -> assertThat(o.get("order_status").asText()).isEqualTo("CANCELLED"));
    }

    @Test
    void orderDetailTakesOneToFiftyOrderSnAndAnswersOptionalFieldsOnlyWhenAsked() {
        List<String> all = shop.orders().stream().map(o -> o.get("order_sn").asText()).toList();
        String fifty = String.join(",", all.subList(0, 50));
        String fiftyOne = String.join(",", all.subList(0, 51));

        JsonNode plain = get(ShopeeOrderApi.DETAIL_PATH, "order_sn_list=" + fifty);
        JsonNode tooMany = get(ShopeeOrderApi.DETAIL_PATH, "order_sn_list=" + fiftyOne);
        JsonNode unknown = get(ShopeeOrderApi.DETAIL_PATH, "order_sn_list=2404098R48U37H");

        assertThat(plain.at("/response/order_list")).hasSize(50);
        assertThat(names(plain.at("/response/order_list/0"))).isEqualTo(new TreeSet<>(ShopeeOrderApi.ALWAYS));
        assertThat(tooMany.get("error").asText()).isEqualTo("error_param");
        assertThat(tooMany.get("message").asText()).contains("at most 50");
        assertThat(unknown.get("error").asText()).isEqualTo("error_not_found");
        assertThat(unknown.get("message").asText()).isEqualTo("Wrong parameters, detail: the order is not found.");
    }

    @Test
    void theSimulatorsOrdersHaveExactlyTheFieldsOfShopeesPublishedSample() throws IOException {
        JsonNode sample = JSON.readTree(Files.readString(Fixtures.vendor("shopee").resolve("get_order_detail.response.json")));
        String completed = shop.orders().stream().filter(o -> o.get("order_status").asText().equals("COMPLETED"))
                .map(o -> o.get("order_sn").asText()).findFirst().orElseThrow();

        JsonNode ours = get(ShopeeOrderApi.DETAIL_PATH, "order_sn_list=" + completed + "&response_optional_fields=" + ALL_OPTIONAL_FIELDS);

        assertThat(names(ours)).isEqualTo(names(sample));
        assertThat(paths(ours.at("/response/order_list/0"), "")).isEqualTo(paths(sample.at("/response/order_list/0"), ""));
        JsonNode address = ours.at("/response/order_list/0/recipient_address");
        assertThat(address.get("name").asText()).matches("\\S\\*{6}\\S");
        assertThat(address.get("phone").asText()).matches("\\*{6}\\d{2}");
        assertThat(ours.at("/response/order_list/0").has("buyer_email")).isFalse();
    }

    @Test
    void escrowComesInBatchesOfAtMostFiftyFromAJsonBodyAndNamesOrdersItCannotFind() {
        List<String> all = shop.orders().stream().map(o -> o.get("order_sn").asText()).toList();
        String two = "{\"order_sn_list\":[\"" + all.get(0) + "\",\"2404098R48U37H\"]}";
        String fiftyOne = all.subList(0, 51).stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "{\"order_sn_list\":[", "]}"));

        JsonNode answer = call("POST", ShopeeOrderApi.ESCROW_PATH, "", two, "access-token-1", PARTNER.partnerKey(), SHOP_ID);
        JsonNode tooMany = call("POST", ShopeeOrderApi.ESCROW_PATH, "", fiftyOne, "access-token-1", PARTNER.partnerKey(), SHOP_ID);
        JsonNode notJson = call("POST", ShopeeOrderApi.ESCROW_PATH, "", "{order_sn_list:", "access-token-1", PARTNER.partnerKey(), SHOP_ID);

        assertThat(answer.at("/response/0/escrow_detail/order_sn").asText()).isEqualTo(all.get(0));
        assertThat(answer.at("/response/0/escrow_detail/order_income/buyer_total_amount").asLong())
                .isEqualTo(shop.order(all.get(0)).get("total_amount").asLong());
        assertThat(answer.at("/response/1/fail_error").asText()).isEqualTo("order_not_found");
        assertThat(tooMany.get("error").asText()).isEqualTo("exceed_max_limit");
        assertThat(tooMany.get("message").asText()).isEqualTo("Your request exceeds the max limit of 50 orders.");
        assertThat(notJson.get("message").asText()).isEqualTo("The request body is not a valid json format");
    }

    @Test
    void theGatewayRefusesWrongSignsStaleTimestampsUnknownShopsAndBadTokensWithHttp403() {
        SimulatorResponse wrongSign = send("GET", ShopeeOrderApi.LIST_PATH, "", null, "access-token-1", "not-the-key", SHOP_ID);
        SimulatorResponse unknownShop = send("GET", ShopeeOrderApi.LIST_PATH, "", null, "access-token-1", PARTNER.partnerKey(), 999);
        SimulatorResponse badToken = send("GET", ShopeeOrderApi.LIST_PATH, "", null, "not-a-token", PARTNER.partnerKey(), SHOP_ID);
        String signedNow = URI.create("http://sandbox" + ShopeeOrderApi.LIST_PATH).toString();
        HttpCall old = new ShopeeAuthenticator(Long.toString(PARTNER.partnerId()), PARTNER.partnerKey(), "access-token-1",
                Long.toString(SHOP_ID), "", time).authenticate(new HttpCall("GET", URI.create(signedNow), Map.of(), null, Set.of()));
        time.sleep(Duration.ofMinutes(6));
        SimulatorResponse stale = simulator.handle("GET", old.uri().getRawPath() + "?" + old.uri().getRawQuery(), Map.of(), new byte[0]);
        SimulatorResponse unsigned = simulator.handle("GET", ShopeeOrderApi.LIST_PATH + "?partner_id=2001887", Map.of(), new byte[0]);

        assertThat(List.of(wrongSign, unknownShop, badToken, stale, unsigned)).extracting(SimulatorResponse::status)
                .containsOnly(403);
        assertThat(List.of(wrongSign, unknownShop, badToken, stale, unsigned)).extracting(r -> envelope(r))
                .containsExactly("error_sign: Wrong sign.", "error_shop: shopid is invalid", "error_auth: Invalid access_token.",
                        "error_param: Invalid timestamp", "error_param: There is no timestamp in query.");
    }

    @Test
    void anAccessTokenLivesFourHoursAndARefreshTokenIsSpentByItsUse() {
        String refresh = "{\"refresh_token\":\"refresh-token-1\",\"partner_id\":2001887,\"shop_id\":" + SHOP_ID + "}";
        time.sleep(Duration.ofHours(4));
        assertThat(envelope(send("GET", ShopeeOrderApi.LIST_PATH, "", null, "access-token-1", PARTNER.partnerKey(), SHOP_ID)))
                .isEqualTo("error_auth: Invalid access_token.");

        JsonNode renewed = call("POST", ShopeeSimulator.TOKEN_PATH, "", refresh, null, PARTNER.partnerKey(), SHOP_ID);
        JsonNode again = call("POST", ShopeeSimulator.TOKEN_PATH, "", refresh, null, PARTNER.partnerKey(), SHOP_ID);

        assertThat(renewed.get("error").asText()).isEmpty();
        assertThat(renewed.get("expire_in").asLong()).isEqualTo(14_400);
        assertThat(renewed.get("access_token").asText()).matches("[0-9a-f]{32}");
        assertThat(renewed.get("refresh_token").asText()).isNotEqualTo("refresh-token-1");
        assertThat(again.get("error").asText() + ": " + again.get("message").asText()).isEqualTo("error_auth: Invalid refresh_token.");
        long now = time.instant().getEpochSecond();
        assertThat(call("GET", ShopeeOrderApi.LIST_PATH, range(now - 86_400, now) + "&page_size=10",
                null, renewed.get("access_token").asText(), PARTNER.partnerKey(), SHOP_ID).get("error").asText()).isEmpty();
        assertThat(shop.refreshes()).isEqualTo(1);
    }

    @Test
    void callsOverTheShopsBudgetAreThrottledUntilItRefills() {
        ShopeeShop small = new ShopeeShop(SHOP_ID, "VN", "VND", "access-token-1", "refresh-token-1",
                new ShopeeShop.Budget(3, 1), time);
        ShopeeSimulator throttling = new ShopeeSimulator(PARTNER, List.of(small), time);
        long now = time.instant().getEpochSecond();
        HttpCall list = new ShopeeAuthenticator(Long.toString(PARTNER.partnerId()), PARTNER.partnerKey(), "access-token-1",
                Long.toString(SHOP_ID), "", time).authenticate(new HttpCall("GET", URI.create("http://sandbox"
                + ShopeeOrderApi.LIST_PATH + "?" + range(now - 86_400, now) + "&page_size=10"), Map.of(), null, Set.of()));
        String target = list.uri().getRawPath() + "?" + list.uri().getRawQuery();

        List<Integer> statuses = IntStream.range(0, 4).mapToObj(i -> throttling.handle("GET", target, Map.of(), new byte[0]).status()).toList();
        SimulatorResponse throttled = throttling.handle("GET", target, Map.of(), new byte[0]);
        time.sleep(Duration.ofSeconds(1));

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(envelope(throttled)).startsWith("error_too_many_request: ");
        assertThat(throttling.handle("GET", target, Map.of(), new byte[0]).status()).isEqualTo(200);
        assertThat(small.throttled()).isEqualTo(2);
    }

    private static String envelope(SimulatorResponse response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.get("error").asText() + ": " + body.get("message").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every field path of a record (array elements merged), e.g. item_list[].image_info.image_url. */
    private static Set<String> paths(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                paths.add(prefix + e.getKey());
                paths.addAll(paths(e.getValue(), prefix + e.getKey() + (e.getValue().isArray() ? "[]." : ".")));
            });
        } else if (node.isArray()) {
            node.forEach(element -> paths.addAll(paths(element, prefix)));
        }
        return Collections.unmodifiableSet(paths);
    }
}
