package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mekong.sandbox.SandboxPeople;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The Admin API's {@code abandonedCheckouts} connection as the connector reads it: pages by id with the pageInfo
 * cursor, filtered on updated_at, created_at, status and recovery_state, charged by Shopify's calculated cost; and
 * the seeded checkouts: recovered ones completed by their order, never completed ones of customers and of guests.
 */
class ShopifyAbandonedCheckoutsTest {

    static final String QUERY = connectorQuery();
    static final int PAGE = 16;

    final ShopifyShop shop = seeded(5L);
    final ShopifyClient client = new ShopifyClient(new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop)),
            ShopSettings.VN_DOMAIN, shop.settings().accessToken());

    @Test
    void theConnectorsWalkReadsEveryCheckoutUpdatedSinceItsCursorOnceByIdAtItsPageSize() {
        OffsetDateTime since = OffsetDateTime.parse("2025-01-01T00:00:00+07:00");
        List<String> expected = shop.read(() -> shop.checkouts().stream()
                .filter(c -> !c.updatedAt.isBefore(since)).sorted(Comparator.comparingLong(c -> c.id))
                .map(c -> Gid.of("AbandonedCheckout", c.id)).toList());
        List<String> served = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode body = client.page(QUERY, PAGE, after, "updated_at:>='2025-01-01T00:00:00+07:00'");
            JsonNode page = body.at("/data/abandonedCheckouts");
            assertThat(page.at("/nodes").size()).isLessThanOrEqualTo(PAGE);
            page.at("/nodes").forEach(node -> served.add(node.get("id").asText()));
            after = page.at("/pageInfo/hasNextPage").asBoolean() ? page.at("/pageInfo/endCursor").asText() : null;
            pages++;
        } while (after != null);
        assertThat(expected).hasSizeGreaterThan(PAGE);
        assertThat(served).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + PAGE - 1) / PAGE);
    }

    @Test
    void aPageCostsWhatShopifyCalculatesRequestedFromTheQueryActualFromWhatItReturned() {
        JsonNode body = client.page(QUERY, PAGE, null, null);
        // per checkout: itself, customer, two addresses, two MoneyBags (2 each), lineItems 2 + 10 x 5
        assertThat(body.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(2 + PAGE * 61);
        int actual = 2;
        for (JsonNode node : body.at("/data/abandonedCheckouts/nodes")) {
            actual += 1 + 4 + (node.get("customer").isNull() ? 0 : 1) + (node.get("billingAddress").isNull() ? 0 : 1)
                    + (node.get("shippingAddress").isNull() ? 0 : 1) + 2 + node.at("/lineItems/nodes").size() * 5;
        }
        assertThat(body.at("/extensions/cost/actualQueryCost").asInt()).isEqualTo(actual);
        assertThat(actual).isLessThan(body.at("/extensions/cost/requestedQueryCost").asInt());
    }

    @Test
    void filtersOnStatusRecoveryStateAndCreationSelectWhatTheyName() {
        List<AbandonedCheckout> all = shop.read(() -> List.copyOf(shop.checkouts()));
        assertThat(ids("status:open")).isEqualTo(gids(all.stream().filter(c -> c.completedAt == null).toList()));
        assertThat(ids("recovery_state:recovered"))
                .isEqualTo(gids(all.stream().filter(c -> c.completedAt != null).toList()));
        AbandonedCheckout middle = all.stream().sorted(Comparator.comparing(c -> c.createdAt)).toList().get(all.size() / 2);
        String bound = middle.createdAt.toInstant().toString();
        assertThat(ids("created_at:<'" + bound + "'")).isEqualTo(gids(all.stream()
                .filter(c -> c.createdAt.toInstant().isBefore(middle.createdAt.toInstant())).toList()));
        JsonNode sortedByCreation = client.query("{ abandonedCheckouts(first: 5, sortKey: CREATED_AT) { nodes { createdAt } } }",
                Map.of()).at("/data/abandonedCheckouts/nodes");
        List<Instant> times = new ArrayList<>();
        sortedByCreation.forEach(n -> times.add(OffsetDateTime.parse(n.get("createdAt").asText()).toInstant()));
        assertThat(times).isSorted().hasSize(5);
    }

    @Test
    void theSeedHasRecoveredCustomersAndGuestsCheckoutsAndIsDeterministic() {
        shop.read(() -> {
            List<AbandonedCheckout> all = List.copyOf(shop.checkouts());
            assertThat(all).hasSize(60);
            // a recovered checkout was left before its order and completed when the order was placed, by its buyer
            assertThat(all).filteredOn(c -> c.completedAt != null).isNotEmpty().allSatisfy(c -> {
                assertThat(c.createdAt).isBefore(c.completedAt);
                assertThat(shop.orders()).anyMatch(o -> o.createdAt.equals(c.completedAt)
                        && (Objects.equals(o.customerId, c.customerId) || o.email != null
                        && o.email.equalsIgnoreCase(shop.customer(c.customerId).email)));
            });
            // a guest gave only an email: Shopify made a customer of it, without a name or an account
            assertThat(all).filteredOn(c -> c.completedAt == null).anyMatch(c -> {
                Customer buyer = shop.customer(c.customerId);
                return buyer.email != null && buyer.firstName == null && buyer.lastName == null;
            }).anyMatch(c -> shop.customer(c.customerId).firstName != null);
            // some never completed checkouts were followed by an order of the same customer, some were not
            assertThat(all).filteredOn(c -> c.completedAt == null).anyMatch(c -> orderedAfter(c))
                    .anyMatch(c -> !orderedAfter(c));
            assertThat(all).allMatch(c -> !c.lineItems.isEmpty() && c.totalPriceSet.shopMoney().amount().scale() == 0
                    && c.abandonedCheckoutUrl.startsWith("https://" + ShopSettings.VN_DOMAIN + "/checkouts/ac/"));
            return null;
        });
        assertThat(serveAll(seeded(5L))).isEqualTo(serveAll(shop)).isNotEqualTo(serveAll(seeded(6L)));
    }

    private boolean orderedAfter(AbandonedCheckout c) {
        return shop.orders().stream().anyMatch(o -> Objects.equals(o.customerId, c.customerId)
                && !o.processedAt.isBefore(c.createdAt));
    }

    private List<String> ids(String filter) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = client.page(QUERY, PAGE, after, filter).at("/data/abandonedCheckouts");
            page.at("/nodes").forEach(node -> ids.add(node.get("id").asText()));
            after = page.at("/pageInfo/hasNextPage").asBoolean() ? page.at("/pageInfo/endCursor").asText() : null;
        } while (after != null);
        return ids;
    }

    private static List<String> gids(List<AbandonedCheckout> checkouts) {
        return checkouts.stream().sorted(Comparator.comparingLong(c -> c.id)).map(c -> Gid.of("AbandonedCheckout", c.id))
                .toList();
    }

    private static String serveAll(ShopifyShop shop) {
        ShopifyClient client = new ShopifyClient(new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(shop)),
                ShopSettings.VN_DOMAIN, shop.settings().accessToken());
        return client.post(QUERY, Map.of("first", PAGE)).bodyText().replaceAll("\"extensions\".*", "");
    }

    static ShopifyShop seeded(long seed) {
        // unmetered: the walks below read every page at once, which a standard plan's bucket would throttle
        ShopifyShop shop = new ShopifyShop(new ShopSettings(ShopSettings.VN_DOMAIN, "Checkouts", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), "shpat_checkouts", ThrottlePlan.UNMETERED),
                new MutableClock(Instant.parse("2025-10-01T00:00:00Z")));
        ShopifySeed.populate(shop, seed, new SeedSize(40, 80, 15));
        ShopifyCheckoutSeed.populate(shop, seed, 60, SandboxPeople.UNRECORDED);
        return shop;
    }

    private static String connectorQuery() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("connectors/shopify.yaml").toFile())
                    .at("/streams/checkouts/graphql/query").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
