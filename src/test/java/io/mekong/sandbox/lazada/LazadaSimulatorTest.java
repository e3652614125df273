package io.mekong.sandbox.lazada;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.FakeTime;
import io.mekong.connector.auth.LazadaAuthenticator;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.QueryString;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Lazada simulator over real HTTP, called with requests signed by the hub's own Lazada signer. */
class LazadaSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeTime time = new FakeTime();
    private final HttpClient http = HttpClient.newHttpClient();
    private LazadaSeller seller;
    private SandboxHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(LazadaSimulator.Limits limits) {
        seller = LazadaTestShop.seller(time, 150);
        server = SandboxHttpServer.start(new LazadaSimulator(List.of(seller), limits, time));
    }

    private JsonNode get(String api, Map<String, String> params) {
        return get("/rest", api, params, LazadaTestShop.APP.appSecret(), LazadaTestShop.ACCESS_TOKEN, time);
    }

    private JsonNode get(String host, String api, Map<String, String> params, String secret, String token, Clock signerClock) {
        List<Map.Entry<String, String>> query = new ArrayList<>(params.entrySet());
        URI uri = URI.create(server.baseUrl() + host + api + (query.isEmpty() ? "" : "?" + QueryString.format(query)));
        HttpCall signed = new LazadaAuthenticator(LazadaTestShop.APP.appKey(), secret, token, host, signerClock)
                .authenticate(new HttpCall("GET", uri, Map.of(), null, Set.of()));
        return send(signed.uri());
    }

    private JsonNode send(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("Lazada answers errors with HTTP 200: %s", response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> orders(String... more) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("update_after", "2024-01-01T00:00:00+07:00"));
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    private static String code(JsonNode answer) {
        return answer.get("code").asText() + ": " + answer.path("message").asText();
    }

    @Test
    void getOrdersRefusesWhatLazadaRefusesWithItsCodes() {
        start(LazadaSimulator.Limits.DEFAULT);

        assertThat(code(get("/orders/get", orders("limit", "101")))).isEqualTo("E019: E019: Invalid Limit");
        assertThat(code(get("/orders/get", Map.of("update_after", "2025-01-01")))).isEqualTo("E017: E017: Invalid Date Format");
        assertThat(code(get("/orders/get", Map.of("created_after", "2025-01-01T10:00:00"))))
                .as("no offset").isEqualTo("E017: E017: Invalid Date Format");
        assertThat(code(get("/orders/get", Map.of("status", "pending")))).startsWith("MissingParameter: ")
                .contains("created_after or update_after");
        assertThat(code(get("/orders/get", orders("sort_direction", "UP")))).isEqualTo("E074: E074: Invalid sort direction");
        assertThat(code(get("/orders/get", orders("sort_by", "price")))).isEqualTo("E075: E075: Invalid sort filter");
        assertThat(code(get("/orders/get", orders("offset", "4501")))).isEqualTo("E014: E014: Invalid Offset");
        assertThat(code(get("/orders/get", orders("status", "lost")))).isEqualTo("E036: E036: Invalid status filter");
        JsonNode ok = get("/orders/get", orders("limit", "100"));
        assertThat(ok.get("code").asText()).isEqualTo("0");
        assertThat(ok.at("/data/count").asText()).isEqualTo("100");
        assertThat(ok.at("/data/countTotal").asText()).as("a string, as Lazada sends it").isEqualTo("150");
    }

    @Test
    void getMultipleOrderItemsTakesAJsonArrayOfAtMostFiftyOfTheSellersOrders() {
        start(LazadaSimulator.Limits.DEFAULT);
        List<String> ids = seller.orderIds();

        String fiftyOne = JSON.valueToTree(ids.subList(0, 51)).toString();
        assertThat(code(get("/orders/items/get", Map.of("order_ids", fiftyOne)))).isEqualTo("E038: E038: Too many orders were requested");
        assertThat(code(get("/orders/items/get", Map.of("order_ids", ids.get(0) + "," + ids.get(1)))))
                .startsWith("E056: ");
        assertThat(code(get("/orders/items/get", Map.of("order_ids", "[\"1\"]")))).startsWith("E037: ");
        JsonNode fifty = get("/orders/items/get", Map.of("order_ids", JSON.valueToTree(ids.subList(0, 50)).toString()));
        assertThat(fifty.get("data")).hasSize(50);
        assertThat(fifty.at("/data/0/order_id").asText()).isEqualTo(ids.get(0));
        assertThat(fifty.at("/data/0/order_items").size()).isEqualTo(Integer.parseInt(
                get("/order/get", Map.of("order_id", ids.get(0))).at("/data/items_count").asText()));
        assertThat(get("/order/items/get", Map.of("order_id", ids.get(0))).get("data"))
                .as("GetOrderItems, one order's rows").isEqualTo(fifty.at("/data/0/order_items"));
        assertThat(code(get("/order/get", Map.of("order_id", "1")))).isEqualTo("E016: E016: Invalid Order ID");
    }

    @Test
    void everyCallIsCheckedLikeTheGatewayDoes() {
        start(LazadaSimulator.Limits.DEFAULT);

        assertThat(code(get("/rest", "/orders/get", orders(), "not-the-secret", LazadaTestShop.ACCESS_TOKEN, time)))
                .isEqualTo("IncompleteSignature: The request signature does not conform to platform standards");
        assertThat(code(get("/rest", "/orders/get", orders(), LazadaTestShop.APP.appSecret(), "50000forged", time)))
                .isEqualTo("IllegalAccessToken: The specified access token is invalid or expired");
        Clock late = Clock.offset(time, Duration.ofSeconds(7201));
        assertThat(code(get("/rest", "/orders/get", orders(), LazadaTestShop.APP.appSecret(), LazadaTestShop.ACCESS_TOKEN, late)))
                .startsWith("InvalidTimestamp: ");
        URI signed = new LazadaAuthenticator(LazadaTestShop.APP.appKey(), LazadaTestShop.APP.appSecret(),
                LazadaTestShop.ACCESS_TOKEN, "/rest", time).authenticate(new HttpCall("GET",
                URI.create(server.baseUrl() + "/rest/orders/get?update_after=2024-01-01T00%3A00%3A00%2B07%3A00&limit=5"),
                Map.of(), null, Set.of())).uri();
        assertThat(code(send(URI.create(signed.toString().replace("limit=5", "limit=50")))))
                .as("a parameter changed after signing").startsWith("IncompleteSignature: ");

        time.sleep(LazadaSeller.ACCESS_TOKEN_LIFETIME);
        assertThat(code(get("/orders/get", orders()))).as("expired").startsWith("IllegalAccessToken: ");
    }

    @Test
    void aRefreshTokenIsSpentByItsUse() {
        start(LazadaSimulator.Limits.DEFAULT);

        JsonNode renewed = get("/auth/rest", "/auth/token/refresh", Map.of("refresh_token", LazadaTestShop.REFRESH_TOKEN),
                LazadaTestShop.APP.appSecret(), null, time);
        JsonNode again = get("/auth/rest", "/auth/token/refresh", Map.of("refresh_token", LazadaTestShop.REFRESH_TOKEN),
                LazadaTestShop.APP.appSecret(), null, time);

        assertThat(renewed.get("code").asText()).isEqualTo("0");
        assertThat(renewed.get("expires_in").asLong()).isEqualTo(LazadaSeller.ACCESS_TOKEN_LIFETIME.toSeconds());
        assertThat(renewed.get("refresh_token").asText()).isNotEqualTo(LazadaTestShop.REFRESH_TOKEN);
        assertThat(code(again)).startsWith("IllegalRefreshToken: ");
        assertThat(code(get("/orders/get", orders()))).as("the old access token is replaced").startsWith("IllegalAccessToken: ");
        assertThat(get("/rest", "/orders/get", orders(), LazadaTestShop.APP.appSecret(), renewed.get("access_token").asText(),
                time).get("code").asText()).isEqualTo("0");
    }

    @Test
    void theTokenEndpointAlsoTakesItsParametersAsAFormPostAsTheOfficialSdksSendThem() throws Exception {
        start(LazadaSimulator.Limits.DEFAULT);
        URI signed = new LazadaAuthenticator(LazadaTestShop.APP.appKey(), LazadaTestShop.APP.appSecret(), null, "/auth/rest",
                time).authenticate(new HttpCall("POST", URI.create(server.baseUrl() + "/auth/rest/auth/token/refresh?refresh_token="
                + LazadaTestShop.REFRESH_TOKEN), Map.of(), null, Set.of())).uri();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + signed.getRawPath()))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(signed.getRawQuery())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(response.body()).get("code").asText()).as(response.body()).isEqualTo("0");
        assertThat(seller.refreshes()).isEqualTo(1);
    }

    @Test
    void callsBeyondTheSellersRateAreRefusedWithTheBanInTheMessage() {
        start(new LazadaSimulator.Limits(2, 0.5, 4500, FaultPlan.NONE));

        List<String> codes = IntStream.range(0, 3).mapToObj(i -> code(get("/orders/get", orders("limit", "1")))).toList();
        time.sleep(Duration.ofSeconds(2));

        assertThat(codes).containsExactly("0: ", "0: ",
                "ApiCallLimit: The request has exceeded the limit of this API. This ban will last 2 seconds");
        assertThat(code(get("/orders/get", orders("limit", "1")))).as("after the ban").isEqualTo("0: ");
    }

    @Test
    void ordersAndItemsHaveTheFieldsAndStringTypingOfLazadasSample() throws IOException {
        start(LazadaSimulator.Limits.DEFAULT);
        JsonNode sample = JSON.readTree(Fixtures.vendor("lazada").resolve("get_orders.response.json").toFile());
        JsonNode answer = get("/orders/get", orders("limit", "100"));
        JsonNode order = answer.at("/data/orders/0");

        assertThat(names(answer.get("data"))).isEqualTo(names(sample.get("data")));
        assertThat(names(order)).containsAll(names(sample.at("/data/orders/0")));
        assertThat(names(order.get("address_billing"))).containsAll(names(sample.at("/data/orders/0/address_billing")));
        assertThat(names(order.get("recipient_info"))).containsAll(names(sample.at("/data/orders/0/recipient_info")));
        assertThat(order.get("statuses").isArray()).isTrue();
        assertThat(order.get("address_updated_at").asText()).as("the literal string").isEqualTo("null");
        List<JsonNode> items = new ArrayList<>();
        get("/orders/items/get", Map.of("order_ids", "[\"" + order.get("order_id").asText() + "\"]")).at("/data/0/order_items")
                .forEach(items::add);
        for (JsonNode record : concat(answer.at("/data/orders"), items)) {
            assertThat(nonStringScalars(record, "")).as("scalars of %s", record.get("order_id")).isEmpty();
        }
        assertThat(nonStringScalars(sample, "")).as("the sample itself").isEmpty();
    }

    @Test
    void theSeedIsAVietnameseShopWithMaskedBuyersLinkedToShopifyBySkuOnly() {
        start(LazadaSimulator.Limits.DEFAULT);
        ShopifyShop people = LazadaTestShop.people();
        Set<String> shopifySkus = people.read(() -> people.products().stream().flatMap(p -> p.variants.stream())
                .map(v -> v.sku).collect(Collectors.toSet()));
        // the last nine digits: the national number, however it is written
        Set<String> phones = people.read(() -> people.customers().stream().filter(c -> c.phone != null)
                .map(c -> c.phone.replaceAll("\\D", "")).map(d -> d.substring(Math.max(0, d.length() - 9)))
                .collect(Collectors.toSet()));
        Set<String> statuses = new TreeSet<>();
        int multiItem = 0;
        int vouchers = 0;
        for (String id : seller.orderIds()) {
            JsonNode order = seller.order(id).orElseThrow();
            JsonNode items = seller.items(id).orElseThrow();
            items.forEach(i -> statuses.add(i.get("status").asText()));
            multiItem += items.size() > 1 ? 1 : 0;
            vouchers += Double.parseDouble(order.get("voucher").asText()) > 0 ? 1 : 0;
            assertThat(order.toString()).as("no email is given to sellers").doesNotContain("@");
            assertThat(order.at("/address_shipping/phone").asText()).matches("\\d{2}\\*+\\d{2}");
            String text = order.toString();
            assertThat(phones).as("no buyer's phone number in the clear").noneMatch(text::contains);
            items.forEach(i -> assertThat(shopifySkus).contains(i.get("sku").asText()));
            assertThat(order.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\+0700");
        }
        assertThat(statuses).containsExactlyInAnyOrder("unpaid", "pending", "ready_to_ship", "shipped", "delivered",
                "canceled", "returned");
        assertThat(multiItem).as("orders with several item rows").isGreaterThan(20);
        assertThat(vouchers).as("orders with a voucher").isGreaterThan(10);
        assertThat(seller.orderCount()).as("more than one page of 100").isGreaterThan(LazadaOrderQuery.MAX_LIMIT);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> concat(JsonNode array, List<JsonNode> more) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        all.addAll(more);
        return all;
    }

    /** Paths of scalars that are not strings: Lazada's order APIs send every scalar as a string. */
    private static List<String> nonStringScalars(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                found.addAll(nonStringScalars(field.getValue(), path + "/" + field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nonStringScalars(node.get(i), path + "/" + i));
            }
        } else if (!node.isTextual()) {
            found.add(path);
        }
        return found;
    }
}
