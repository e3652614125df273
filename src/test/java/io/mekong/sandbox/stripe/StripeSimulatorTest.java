package io.mekong.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.shopify.Order;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The Stripe simulator's protocol, request by request: auth, versions, list parameters, paging, edits, throttling. */
class StripeSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeTime time = StripeTestAccounts.clockAfterSeed();
    private final StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE);
    private final StripeSimulator simulator = new StripeSimulator(List.of(account));

    private SimulatorResponse get(String pathAndQuery, Map<String, String> headers) {
        return simulator.handle("GET", pathAndQuery, headers, new byte[0]);
    }

    private SimulatorResponse get(String pathAndQuery) {
        return get(pathAndQuery, Map.of("Authorization", "Bearer " + StripeTestAccounts.VND_KEY));
    }

    private static JsonNode body(SimulatorResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> data(SimulatorResponse response) {
        return StreamSupport.stream(body(response).get("data").spliterator(), false).toList();
    }

    private static List<String> ids(List<JsonNode> objects) {
        return objects.stream().map(o -> o.get("id").asText()).toList();
    }

    @Test
    void aRequestWithoutAKeyIsToldHowToSendOne() {
        SimulatorResponse response = get("/v1/charges", Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(body(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body(response).at("/error/message").asText()).startsWith("You did not provide an API key. You need to"
                + " provide your API key in the Authorization header, using Bearer auth");
    }

    @Test
    void aWrongKeyIsRefusedWithStripesBodyShowingOnlyTheFirstEightAndLastFourCharacters() {
        SimulatorResponse response = get("/v1/charges", Map.of("Authorization", "Bearer sk_test_notTheRightKey99991234"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).isEqualTo("{\"error\":{\"message\":\"Invalid API Key provided: sk_test_"
                + "*".repeat(18) + "1234\",\"type\":\"invalid_request_error\"}}");
    }

    @Test
    void theKeyMayAlsoComeAsTheBasicUserName() {
        String basic = Base64.getEncoder().encodeToString((StripeTestAccounts.VND_KEY + ":").getBytes(StandardCharsets.UTF_8));

        assertThat(get("/v1/charges?limit=1", Map.of("Authorization", "Basic " + basic)).status()).isEqualTo(200);
    }

    @Test
    void aRestrictedKeyReadsOnlyWhatItIsPermittedTo() {
        Map<String, String> restricted = Map.of("Authorization", "Bearer " + StripeTestAccounts.CUSTOMERS_ONLY_KEY);

        assertThat(get("/v1/customers", restricted).status()).isEqualTo(200);
        SimulatorResponse charges = get("/v1/charges", restricted);
        assertThat(charges.status()).isEqualTo(403);
        assertThat(body(charges).at("/error/message").asText())
                .contains("does not have the required permissions for this endpoint on account 'acct_1MekongTestVND'")
                .contains("Having the 'rak_charge_read' permission would allow this request to continue.")
                .doesNotContain(StripeTestAccounts.CUSTOMERS_ONLY_KEY);
    }

    @Test
    void theVersionSentShapesTheAnswerAndIsEchoedAMalformedOneIsRefused() {
        Map<String, String> pinned = Map.of("Authorization", "Bearer " + StripeTestAccounts.VND_KEY,
                "Stripe-Version", "2025-03-31.basil");
        assertThat(get("/v1/customers?limit=1", pinned).headers()).containsEntry("Stripe-Version", "2025-03-31.basil");
        assertThat(get("/v1/customers?limit=1").headers()).as("without the header, the account's version")
                .containsEntry("Stripe-Version", StripeAccount.API_VERSION).containsKey("Request-Id");

        SimulatorResponse bad = get("/v1/customers", Map.of("Authorization", "Bearer " + StripeTestAccounts.VND_KEY,
                "Stripe-Version", "latest"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(body(bad).at("/error/message").asText()).isEqualTo("Invalid Stripe API version: latest");
    }

    @Test
    void limitMustBeAnIntegerFrom1To100() {
        SimulatorResponse tooMany = get("/v1/payment_intents?limit=101");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(body(tooMany).get("error")).isEqualTo(body(SimulatorResponse.json(200, "{\"code\":\"parameter_invalid_integer\","
                + "\"doc_url\":\"https://stripe.com/docs/error-codes/parameter-invalid-integer\",\"message\":\"This value must be"
                + " less than or equal to 100.\",\"param\":\"limit\",\"type\":\"invalid_request_error\"}")));
        assertThat(body(get("/v1/payment_intents?limit=0")).at("/error/message").asText())
                .isEqualTo("This value must be greater than or equal to 1.");
        assertThat(body(get("/v1/payment_intents?limit=ten")).at("/error/message").asText()).isEqualTo("Invalid integer: ten");
        assertThat(data(get("/v1/payment_intents"))).as("10 by default").hasSize(10);
        assertThat(data(get("/v1/payment_intents?limit=100"))).hasSize(100);
    }

    @Test
    void anUnknownParameterIsRefusedByName() {
        SimulatorResponse response = get("/v1/charges?limit=5&updated[gte]=1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("parameter_unknown");
        assertThat(body(response).at("/error/param").asText()).isEqualTo("updated[gte]");
        assertThat(body(response).at("/error/message").asText()).isEqualTo("Received unknown parameter: updated[gte]");
    }

    @Test
    void anUnknownEndpointIsAnUnrecognizedUrl() {
        SimulatorResponse response = get("/v1/payouts");

        assertThat(response.status()).isEqualTo(404);
        assertThat(body(response).at("/error/message").asText()).startsWith("Unrecognized request URL (GET: /v1/payouts).");
    }

    @Test
    void startingAfterWalksEveryObjectOnceNewestFirstAndEndingBeforeWalksBack() {
        List<JsonNode> all = new ArrayList<>();
        List<List<String>> pages = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            SimulatorResponse page = get("/v1/charges?limit=37" + (after == null ? "" : "&starting_after=" + after));
            JsonNode list = body(page);
            assertThat(list.get("object").asText()).isEqualTo("list");
            assertThat(list.get("url").asText()).isEqualTo("/v1/charges");
            List<JsonNode> data = data(page);
            all.addAll(data);
            pages.add(ids(data));
            more = list.get("has_more").asBoolean();
            after = data.get(data.size() - 1).get("id").asText();
        }

        assertThat(ids(all)).doesNotHaveDuplicates().hasSize(account.count("charge"));
        assertThat(all).extracting(c -> c.get("created").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        String firstOfLastPage = pages.get(pages.size() - 1).get(0);
        SimulatorResponse back = get("/v1/charges?limit=37&ending_before=" + firstOfLastPage);
        assertThat(ids(data(back))).as("the page before, in the same newest-first order").isEqualTo(pages.get(pages.size() - 2));
        assertThat(body(back).get("has_more").asBoolean()).isEqualTo(pages.size() > 2);
        assertThat(get("/v1/charges?starting_after=ch_nope").status()).isEqualTo(404);
        assertThat(get("/v1/charges?starting_after=" + after + "&ending_before=" + after).status()).isEqualTo(400);
    }

    @Test
    void createdBoundsFilterOnCreationTime() {
        List<JsonNode> all = data(get("/v1/payment_intents?limit=100"));
        long middle = all.get(50).get("created").asLong();

        List<JsonNode> since = data(get("/v1/payment_intents?limit=100&created[gte]=" + middle));
        List<JsonNode> before = data(get("/v1/payment_intents?limit=100&created[lt]=" + middle));

        assertThat(since).isNotEmpty().allSatisfy(p -> assertThat(p.get("created").asLong()).isGreaterThanOrEqualTo(middle));
        assertThat(before).isNotEmpty().allSatisfy(p -> assertThat(p.get("created").asLong()).isLessThan(middle));
        assertThat(get("/v1/payment_intents?created[gte]=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aListExpandsTheIdsItMayExpandAndRefusesOthers() {
        List<JsonNode> intents = data(get("/v1/payment_intents?limit=100&expand[]=data.latest_charge"));
        JsonNode paid = intents.stream().filter(p -> p.get("status").asText().equals("succeeded")).findFirst().orElseThrow();

        assertThat(paid.get("latest_charge").get("object").asText()).isEqualTo("charge");
        assertThat(paid.get("latest_charge").get("payment_intent").asText()).isEqualTo(paid.get("id").asText());
        assertThat(data(get("/v1/payment_intents?limit=1")).get(0).get("latest_charge").isObject()).isFalse();
        SimulatorResponse refused = get("/v1/payment_intents?expand[]=data.invoice");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(body(refused).at("/error/message").asText()).isEqualTo("This property cannot be expanded (data.invoice).");
    }

    @Test
    void theSeedIsTheShopsPeopleAndOrdersWithEveryOutcomeARealAccountSees() {
        ShopifyShop shop = StripeTestAccounts.shop(ShopSettings.demoVietnam());
        Map<String, Order> orders = shop.read(() -> shop.orders().stream()
                .collect(Collectors.toMap(o -> Long.toString(o.id), o -> o)));
        Set<String> shopEmails = shop.read(() -> shop.customers().stream().filter(c -> c.email != null)
                .map(c -> c.email.toLowerCase()).collect(Collectors.toSet()));
        List<JsonNode> intents = data(get("/v1/payment_intents?limit=100&expand[]=data.latest_charge"));
        List<JsonNode> customers = data(get("/v1/customers?limit=100"));

        assertThat(customers).allSatisfy(c -> assertThat(shopEmails).contains(c.get("email").asText().toLowerCase()));
        assertThat(customers).anySatisfy(c -> assertThat(shopEmails).doesNotContain(c.get("email").asText()));
        assertThat(intents).allSatisfy(p -> {
            Order order = orders.get(p.at("/metadata/order_id").asText());
            assertThat(order).as("metadata.order_id of %s is a Shopify order", p.get("id")).isNotNull();
            assertThat(p.get("amount").asLong()).as("VND in whole dong")
                    .isEqualTo(order.totalPriceSet.shopMoney().amount().longValueExact());
            assertThat(p.get("currency").asText()).isEqualTo("vnd");
        });
        assertThat(intents).extracting(p -> p.get("status").asText())
                .contains("succeeded", "requires_payment_method", "canceled");
        assertThat(intents).anySatisfy(p -> assertThat(p.get("customer").isNull()).isTrue());
        assertThat(intents).filteredOn(p -> p.get("status").asText().equals("requires_payment_method"))
                .allSatisfy(p -> assertThat(p.at("/last_payment_error/decline_code").asText()).isNotEmpty());
        List<JsonNode> charges = data(get("/v1/charges?limit=100"));
        assertThat(charges).anySatisfy(c -> assertThat(c.get("refunded").asBoolean()).isTrue());
        assertThat(charges).anySatisfy(c -> assertThat(c.get("amount_refunded").asLong())
                .isBetween(1L, c.get("amount").asLong() - 1));
        assertThat(data(get("/v1/balance_transactions?limit=100"))).allSatisfy(b ->
                assertThat(b.get("net").asLong()).isEqualTo(b.get("amount").asLong() - b.get("fee").asLong()));
    }

    @Test
    void merchantEditsAreEventsWithWhatChangedAndADeletedCustomerVanishesFromLists() {
        String customerId = data(get("/v1/customers?limit=1")).get(0).get("id").asText();
        String oldEmail = data(get("/v1/customers?limit=1")).get(0).get("email").asText();
        time.sleep(Duration.ofMinutes(5));

        account.updateCustomer(customerId, c -> c.put("email", "moi@example.vn"));
        account.deleteCustomer(customerId);
        JsonNode paid = data(get("/v1/charges?limit=100")).stream()
                .filter(c -> c.get("status").asText().equals("succeeded") && c.get("amount_refunded").asLong() == 0)
                .findFirst().orElseThrow();
        String refundId = account.refund(paid.get("id").asText(), 50_000, "requested_by_customer");

        List<JsonNode> events = data(get("/v1/events?limit=5"));
        assertThat(events).extracting(e -> e.get("type").asText())
                .startsWith("refund.created", "charge.refunded", "customer.deleted", "customer.updated");
        JsonNode updated = events.get(3);
        assertThat(updated.at("/data/previous_attributes").toString()).isEqualTo("{\"email\":" + JSON.valueToTree(oldEmail) + "}");
        assertThat(updated.at("/data/object/email").asText()).isEqualTo("moi@example.vn");
        assertThat(events.get(1).at("/data/previous_attributes/amount_refunded").asLong()).isZero();
        assertThat(events.get(1).at("/data/object/amount_refunded").asLong()).isEqualTo(50_000);
        assertThat(ids(data(get("/v1/customers?limit=100")))).doesNotContain(customerId);
        assertThat(data(get("/v1/events?type=customer.deleted"))).hasSize(1);
        JsonNode refund = data(get("/v1/refunds?limit=1")).get(0);
        assertThat(refund.get("id").asText()).isEqualTo(refundId);
        assertThat(refund.get("payment_intent").asText()).isEqualTo(paid.get("payment_intent").asText());
        JsonNode refundMoney = data(get("/v1/balance_transactions?limit=1&source=" + refundId)).get(0);
        assertThat(refundMoney.get("amount").asLong()).isEqualTo(-50_000);
        assertThat(refundMoney.get("type").asText()).isEqualTo("refund");
    }

    @Test
    void moreThan25RequestsInASecondAreThrottledWithStripesRateLimitError() {
        for (int i = 0; i < 25; i++) {
            assertThat(get("/v1/customers?limit=1").status()).as("request %d", i + 1).isEqualTo(200);
        }
        SimulatorResponse throttled = get("/v1/customers?limit=1");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(body(throttled).at("/error/code").asText()).isEqualTo("rate_limit");
        assertThat(body(throttled).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(throttled.headers()).containsEntry("Stripe-Should-Retry", "true");
        time.sleep(Duration.ofSeconds(1));
        assertThat(get("/v1/customers?limit=1").status()).isEqualTo(200);
    }

    @Test
    void accountsAreApartEachKeySeesOnlyItsOwn() {
        StripeAccount usd = StripeTestAccounts.usd(time);
        StripeSimulator both = new StripeSimulator(List.of(account, usd));
        for (String[] keyAndCurrency : new String[][] {{StripeTestAccounts.VND_KEY, "vnd"}, {StripeTestAccounts.USD_KEY, "usd"}}) {
            Set<String> currencies = new HashSet<>();
            JsonNode list = body(both.handle("GET", "/v1/payment_intents?limit=100",
                    Map.of("Authorization", "Bearer " + keyAndCurrency[0]), new byte[0]));
            list.get("data").forEach(p -> currencies.add(p.get("currency").asText()));
            assertThat(currencies).containsExactly(keyAndCurrency[1]);
        }
    }
}
