package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopifyCostAndThrottleTest {

    final MutableClock clock = new MutableClock(Instant.parse("2025-10-01T00:00:00Z"));

    ShopifyClient client(FaultPlan faults, int throttledStatus, List<Long> sleeps) {
        ShopifyShop shop = new ShopifyShop(ShopSettings.demoUnitedStates(), clock,
                new FaultInjector(faults, sleeps::add));
        ShopifySeed.populate(shop, 7, new SeedSize(20, 40, 10));
        return new ShopifyClient(new ShopifySimulator(new ShopifyGraphQL(1000, throttledStatus), List.of(shop)),
                ShopSettings.US_DOMAIN, shop.settings().accessToken());
    }

    @Test
    void requestedCostFollowsShopifysRuleAndActualCountsReturnedNodes() {
        ShopifyClient client = client(FaultPlan.NONE, 200, new ArrayList<>());
        // connection 2 + 100 x (customer 1 + defaultAddress 1) = 202; 20 customers exist, all with an address.
        JsonNode body = client.query("{ customers(first: 100) { nodes { id defaultAddress { city } } } }", Map.of());
        assertThat(body.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(202);
        assertThat(body.at("/extensions/cost/actualQueryCost").asInt()).isEqualTo(2 + 20 * 2);
        assertThat(body.at("/extensions/cost/throttleStatus/maximumAvailable").asDouble()).isEqualTo(2000.0);
        assertThat(body.at("/extensions/cost/throttleStatus/currentlyAvailable").asDouble()).isEqualTo(2000.0 - 42);
        assertThat(body.at("/extensions/cost/throttleStatus/restoreRate").asDouble()).isEqualTo(100.0);
    }

    @Test
    void requestedCostFollowsTheVariablesOfEachRequestOfTheSameQuery() {
        ShopifyClient client = client(FaultPlan.NONE, 200, new ArrayList<>());
        String query = "query($first: Int!, $after: String, $withAddress: Boolean!) { customers(first: $first, "
                + "after: $after) { nodes { id defaultAddress @include(if: $withAddress) { city } } } }";
        // connection 2 + first x (customer 1 [+ defaultAddress 1])
        assertThat(requested(client, query, Map.of("first", 10, "withAddress", true))).isEqualTo(22);
        assertThat(requested(client, query, Map.of("first", 10, "withAddress", false))).isEqualTo(12);
        assertThat(requested(client, query, Map.of("first", 50, "withAddress", true))).isEqualTo(102);
        assertThat(requested(client, query, Map.of("first", 300, "withAddress", true))).as("over the page limit")
                .isZero();
        JsonNode missing = client.query(query, Map.of("first", 10));
        assertThat(missing.at("/errors/0/message").asText()).contains("withAddress");
        JsonNode badCursor = client.query(query, Map.of("first", 10, "withAddress", true, "after", "not-a-cursor"));
        assertThat(badCursor.at("/errors/0/message").asText()).contains("Invalid cursor for current pagination sort.");
    }

    private static int requested(ShopifyClient client, String query, Map<String, Object> variables) {
        return client.query(query, variables).at("/extensions/cost/requestedQueryCost").asInt();
    }

    @Test
    void throttlesWhenTheBucketIsShortAndRestoresWithTime() {
        ShopifyClient client = client(FaultPlan.NONE, 200, new ArrayList<>());
        // 2 + 250 x 4 = 1002 > 1000: rejected before execution, bucket untouched.
        JsonNode tooBig = client.query("{ customers(first: 250) { nodes { defaultAddress { city } "
                + "emailMarketingConsent { marketingState } smsMarketingConsent { marketingState } } } }", Map.of());
        assertThat(tooBig.at("/errors/0/extensions/code").asText()).isEqualTo("MAX_COST_EXCEEDED");
        String costly = "{ a: products(first: 10) { nodes { variants(first: 90) { nodes { id } } } } }";
        // 2 + 10 x (1 + 2 + 90) = 932 requested, about 60 actual: repeat until less than 932 is left.
        JsonNode last = null;
        for (int i = 0; i < 60 && (last == null || !last.has("errors")); i++) {
            last = client.query(costly.replace("id", "id sku price title barcode inventoryQuantity compareAtPrice"), Map.of());
        }
        assertThat(last.at("/errors/0/message").asText()).isEqualTo("Throttled");
        assertThat(last.at("/errors/0/extensions/code").asText()).isEqualTo("THROTTLED");
        assertThat(last.at("/extensions/cost/actualQueryCost").isNull()).isTrue();
        assertThat(last.has("data")).isFalse();
        double available = last.at("/extensions/cost/throttleStatus/currentlyAvailable").asDouble();
        assertThat(available).isLessThan(932);
        clock.advance(Duration.ofSeconds(10));
        JsonNode after = client.query(costly, Map.of());
        assertThat(after.has("errors")).isFalse();
        assertThat(after.at("/extensions/cost/throttleStatus/currentlyAvailable").asDouble())
                .isGreaterThanOrEqualTo(Math.min(2000, available + 1000) - 932);
    }

    @Test
    void throttledStatusCanBe429() {
        ShopifyClient client = client(FaultPlan.NONE, 429, new ArrayList<>());
        String costly = "{ products(first: 10) { nodes { variants(first: 90) { nodes { id } } } } }";
        int status = 200;
        for (int i = 0; i < 60 && status == 200; i++) {
            status = client.post(costly, Map.of()).status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void faultsHitTheNthRequestWithRetryAfterAndLatency() {
        List<Long> sleeps = new ArrayList<>();
        ShopifyClient client = client(FaultPlan.NONE.withFailEveryNth(3).withThrottleEveryNth(4, 1.5)
                .withLatencyMillis(25), 200, sleeps);
        List<Integer> statuses = new ArrayList<>();
        List<String> retryAfter = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var response = client.post("{ shop { name } }", Map.of());
            statuses.add(response.status());
            retryAfter.add(response.headers().get("Retry-After"));
        }
        assertThat(statuses).containsExactly(200, 200, 503, 429, 200, 503);
        assertThat(retryAfter.get(3)).isEqualTo("1.5");
        assertThat(sleeps).hasSize(6).containsOnly(25L);
    }

    @Test
    void failFractionIsDeterministic() {
        List<Integer> first = statuses(client(FaultPlan.NONE.withFailFraction(0.3), 200, new ArrayList<>()));
        List<Integer> second = statuses(client(FaultPlan.NONE.withFailFraction(0.3), 200, new ArrayList<>()));
        assertThat(first).isEqualTo(second).contains(503).contains(200);
    }

    private static List<Integer> statuses(ShopifyClient client) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(client.post("{ shop { name } }", Map.of()).status());
        }
        return statuses;
    }
}
