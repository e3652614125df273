package io.mekong.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.store.AbandonedCheckouts;
import io.mekong.testing.HubIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Abandoned checkouts end to end: the shop's checkouts are pulled through the connector, the mapping and the store,
 * then the abandonment scan marks exactly those never completed, older than the delay and not followed by an order of
 * the same buyer (same customer, or same email in another case) — each once, whether one pass or two at the same time
 * look, and never one completed by a later sync.
 */
class AbandonedCheckoutsHubTest extends HubIntegrationTest {

    private static boolean seeded;

    @Autowired
    SandboxPeople people;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    AbandonedCheckouts abandonedCheckouts;

    @BeforeEach
    void shopHasCheckouts() {
        synchronized (AbandonedCheckoutsHubTest.class) {
            if (!seeded) {
                ShopifyCheckoutSeed.populate(shop(), 99L, 40, people);
                seeded = true;
            }
        }
    }

    @Test
    void theScanMarksExactlyTheOldNeverCompletedCheckoutsWithoutALaterOrderOnceAndNeverOneCompletedLater() {
        ShopifyShop shop = shop();
        AbandonedCheckout fresh = freshCheckout(shop);
        AbandonedCheckout savedByEmail = checkoutBeforeAGuestOrderOfTheSameEmail(shop);
        long sync = checkoutSync("checkouts-scan");
        JsonNode run = runToEnd(sync);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        JsonNode checkouts = stream(run, "checkouts");
        assertThat(checkouts.get("inserted").asInt()).as(checkouts.toString()).isEqualTo(shop.read(() -> shop.checkouts().size()));
        assertThat(checkouts.get("rejected").asInt()).isZero();

        // the route, as its timer runs it, with the default delay of an hour: the fresh checkout is not due yet
        Exchange scanned = camel.send("direct:scan-abandoned-checkouts", exchange -> { });
        assertThat(scanned.getException()).isNull();
        Set<String> expected = expectedAbandoned(shop);
        expected.remove(String.valueOf(fresh.id));
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(marked("checkouts-scan")).isEqualTo(expected);
        assertThat(shop.read(() -> shop.checkouts().stream().filter(c -> c.completedAt != null).count())).isPositive();
        assertThat(orderedAfterByEmailOnly(shop)).as("checkouts saved only by an order under the same email")
                .contains(String.valueOf(savedByEmail.id)).doesNotContainAnyElementsOf(marked("checkouts-scan"));
        Map<String, Timestamp> firstMarks = marks("checkouts-scan");

        // the buyer comes back and pays; the next sync stores the completion, and no delay makes it abandoned
        shop.completeCheckout(fresh.id);
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
        assertThat(jdbc.queryForObject("select completed_at is not null from checkout where connection_id = ?"
                + " and external_id = ?", Boolean.class, "checkouts-scan", String.valueOf(fresh.id))).isTrue();
        List<AbandonedCheckouts.Marked> again = markDue(Duration.ZERO, 500);
        assertThat(again).noneMatch(m -> m.connectionId().equals("checkouts-scan"));
        assertThat(marks("checkouts-scan")).isEqualTo(firstMarks);
    }

    @Test
    void twoScansAtOnceMarkEachCheckoutOnce() throws Exception {
        long sync = checkoutSync("checkouts-race");
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
        Set<String> expected = expectedAbandoned(shop());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<AbandonedCheckouts.Marked>>> scans = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            scans.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                List<AbandonedCheckouts.Marked> all = new ArrayList<>();
                List<AbandonedCheckouts.Marked> pass;
                do {
                    // small batches, so that the two scans take turns many times over the same rows
                    pass = markDue(Duration.ofMinutes(30), 3);
                    all.addAll(pass);
                } while (!pass.isEmpty());
                return all;
            }));
        }
        start.countDown();
        List<String> markedByBoth = new ArrayList<>();
        for (CompletableFuture<List<AbandonedCheckouts.Marked>> scan : scans) {
            scan.get(2, TimeUnit.MINUTES).stream().filter(m -> m.connectionId().equals("checkouts-race"))
                    .forEach(m -> markedByBoth.add(m.externalId()));
        }
        assertThat(markedByBoth).doesNotHaveDuplicates();
        assertThat(new HashSet<>(markedByBoth)).isEqualTo(expected).isEqualTo(marked("checkouts-race"));
    }

    @Test
    void aCheckoutIsJudgedOnlyOnWhatASyncReadAfterItBecameDueSoALateReadCompletionIsNeverMarked() {
        ShopifyShop shop = shop();
        Customer buyer = buyerWhoNeverOrdered(shop);
        OffsetDateTime threeHoursAgo = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusHours(3);
        AbandonedCheckout completedLate = checkout(shop, buyer, threeHoursAgo);
        AbandonedCheckout left = checkout(shop, buyer, threeHoursAgo);
        Set<String> both = Set.of(String.valueOf(completedLate.id), String.valueOf(left.id));
        long sync = checkoutSync("checkouts-late");
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
        // the last read of this connection's checkouts began six hours ago: both were stored before they became due
        // (ten minutes after their last change) and nothing has been read since, so neither is judged yet
        jdbc.update("update sync_run set started_at = started_at - interval '6 hours' where connection_id = ?",
                "checkouts-late");
        assertThat(markDue(Duration.ofMinutes(10), 500)).filteredOn(m -> m.connectionId().equals("checkouts-late"))
                .extracting(AbandonedCheckouts.Marked::externalId).isNotEmpty().doesNotContainAnyElementsOf(both);

        // meanwhile one buyer paid: the next read brings the completion, and only the other checkout is abandoned
        shop.completeCheckout(completedLate.id);
        assertThat(runToEnd(sync).get("status").asText()).isEqualTo("succeeded");
        assertThat(markDue(Duration.ofMinutes(10), 500)).filteredOn(m -> m.connectionId().equals("checkouts-late"))
                .extracting(AbandonedCheckouts.Marked::externalId).containsExactly(String.valueOf(left.id));
        assertThat(marked("checkouts-late")).contains(String.valueOf(left.id))
                .doesNotContain(String.valueOf(completedLate.id));
    }

    private static Customer buyerWhoNeverOrdered(ShopifyShop shop) {
        return shop.read(() -> shop.customers().stream().filter(c -> c.email != null)
                .filter(c -> shop.orders().stream().noneMatch(o -> Objects.equals(o.customerId, c.id)
                        || o.email != null && o.email.equalsIgnoreCase(c.email)))
                .findFirst().orElseThrow());
    }

    /** A checkout left just now by a customer who never ordered: not due before the delay has passed. */
    private AbandonedCheckout freshCheckout(ShopifyShop shop) {
        return checkout(shop, buyerWhoNeverOrdered(shop), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A never completed checkout of an account holder who, an hour later, ordered as a guest under the same email
     * (typed in another case): only the email tells that the buyer came back.
     */
    private AbandonedCheckout checkoutBeforeAGuestOrderOfTheSameEmail(ShopifyShop shop) {
        record Pair(Customer holder, Order order) {
        }
        Pair pair = shop.read(() -> shop.orders().stream().filter(o -> o.customerId == null && o.email != null)
                .flatMap(o -> shop.customers().stream().filter(c -> o.email.equalsIgnoreCase(c.email))
                        .map(c -> new Pair(c, o)))
                .filter(p -> shop.orders().stream().noneMatch(o -> Objects.equals(o.customerId, p.holder().id)
                        && !o.processedAt.isBefore(p.order().processedAt.minusHours(1))))
                .findFirst().orElseThrow(() -> new AssertionError("the seed has no guest order of an account holder")));
        return checkout(shop, pair.holder(), pair.order().processedAt.minusHours(1));
    }

    private static AbandonedCheckout checkout(ShopifyShop shop, Customer buyer, OffsetDateTime at) {
        ProductVariant variant = shop.read(() -> shop.products().iterator().next().variants.get(0));
        return shop.leaveCheckout(buyer.id, variant.id, 1, at);
    }

    /** The shop's checkouts that are neither completed nor followed by an order of their buyer, by id. */
    private static Set<String> expectedAbandoned(ShopifyShop shop) {
        return shop.read(() -> shop.checkouts().stream().filter(c -> c.completedAt == null)
                .filter(c -> shop.orders().stream().noneMatch(o -> followedBy(shop, c, o)))
                .map(c -> String.valueOf(c.id)).collect(Collectors.toCollection(HashSet::new)));
    }

    /** Never completed checkouts whose buyer ordered later only as a guest, under the same email. */
    private static Set<String> orderedAfterByEmailOnly(ShopifyShop shop) {
        return shop.read(() -> shop.checkouts().stream().filter(c -> c.completedAt == null)
                .filter(c -> shop.orders().stream().anyMatch(o -> followedBy(shop, c, o)))
                .filter(c -> shop.orders().stream().noneMatch(o -> Objects.equals(o.customerId, c.customerId)
                        && !o.processedAt.isBefore(c.createdAt)))
                .map(c -> String.valueOf(c.id)).collect(Collectors.toSet()));
    }

    private static boolean followedBy(ShopifyShop shop, AbandonedCheckout c, Order o) {
        if (o.processedAt.isBefore(c.createdAt)) {
            return false;
        }
        Customer buyer = shop.customer(c.customerId);
        return Objects.equals(o.customerId, c.customerId) || buyer != null && buyer.email != null && o.email != null
                && o.email.trim().toLowerCase(Locale.ROOT).equals(buyer.email.trim().toLowerCase(Locale.ROOT));
    }

    private long checkoutSync(String connectionId) {
        call("POST", "/api/connections", Map.of("id", connectionId, "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        return call("POST", "/api/syncs", Map.of("connection", connectionId, "streams", List.of("orders", "checkouts")),
                201).get("id").asLong();
    }

    private List<AbandonedCheckouts.Marked> markDue(Duration after, int batch) {
        return transaction.execute(status -> jdbc.execute((ConnectionCallback<List<AbandonedCheckouts.Marked>>) c ->
                AbandonedCheckouts.markDue(c, after, batch, abandonedCheckouts.checkoutStreams())));
    }

    private Set<String> marked(String connectionId) {
        return new HashSet<>(jdbc.queryForList("select external_id from checkout where connection_id = ?"
                + " and abandoned_at is not null", String.class, connectionId));
    }

    private Map<String, Timestamp> marks(String connectionId) {
        Map<String, Timestamp> marks = new java.util.HashMap<>();
        jdbc.query("select external_id, abandoned_at from checkout where connection_id = ? and abandoned_at is not null",
                rs -> {
                    marks.put(rs.getString(1), rs.getTimestamp(2));
                }, connectionId);
        return Collections.unmodifiableMap(marks);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
