package io.mekong.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.store.StoredRecords;
import io.mekong.testing.HandResolved;
import io.mekong.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.mekong.identity.consent.Consents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Totals of one person who bought on Shopify in three currencies and paid through Stripe: refunds and cancellations
 * counted right, a Stripe payment of a stored order not counted twice, a currency without a rate left unconverted.
 * Records are stored through the store; identities are assigned with SQL (resolution is another slice's).
 */
class ProfileTotalsTest {

    private final GoldenRules rules = GoldenRules.defaults();
    private JdbcTemplate jdbc;
    private StoredRecords records;
    private FxRates rates;
    private ProfileTotals totals;
    private Consents consents;
    private long profile;

    @BeforeEach
    void aShopifyAndStripeCustomer() {
        jdbc = TestDatabase.freshWorkspace("ws1", "shop");
        records = StoredRecords.inTestDatabase(jdbc);
        rates = new FxRates(jdbc);
        totals = new ProfileTotals(jdbc, rates, rules);
        consents = new Consents(jdbc);
        records.connection("stripe", "ws1", "stripe", Map.of("ordersConnection", "shop"));
        HandResolved resolved = new HandResolved(jdbc);
        profile = resolved.profile("ws1");
        resolved.identity(profile, "shop", "customer", "c1", "An Nguyễn");
        resolved.identity(profile, "stripe", "customer", "cus_1", "An Nguyễn");
        records.customer("shop", Map.of("externalId", "c1", "email", "an@example.com", "updatedAt", "2025-01-01T00:00:00Z"));
        records.customer("stripe", Map.of("externalId", "cus_1", "email", "an@example.com", "updatedAt", "2025-01-01T00:00:00Z"));
    }

    private void order(String id, String currency, long total, long refunded, String status, String financial,
                       String placedAt, boolean test) {
        Map<String, Object> order = new HashMap<>(Map.of("externalId", id, "customerExternalId", "c1", "currency", currency,
                "totalMinor", total, "refundedMinor", refunded, "status", status, "financialStatus", financial,
                "placedAt", placedAt, "test", test));
        records.order("shop", order);
    }

    private void payment(String id, long amount, long captured, String status, String orderReference) {
        Map<String, Object> payment = new HashMap<>(Map.of("externalId", id, "status", status, "amountMinor", amount,
                "capturedMinor", captured, "currency", "VND", "customerExternalId", "cus_1",
                "createdAt", "2025-04-01T00:00:00Z", "updatedAt", "2025-04-01T00:00:00Z"));
        if (orderReference != null) {
            payment.put("orderReference", orderReference);
        }
        records.payment("stripe", payment);
    }

    private JsonNode totals() {
        totals.refresh(Set.of(profile));
        return ProfileSearch.json(jdbc.queryForObject("select totals::text from profile where id = ?", String.class, profile));
    }

    @Test
    void revenueIsNetOfRefundsWithoutCancelledUnpaidOrdersAndCountsEachPaymentOnce() {
        rates.set("ws1", "VND", Map.of("USD", new BigDecimal("25000")), "ops");
        order("o1", "VND", 1_000_000, 200_000, "closed", "partially_refunded", "2025-02-01T00:00:00Z", false);
        order("o2", "VND", 500_000, 0, "cancelled", "voided", "2025-03-01T00:00:00Z", false);
        order("o3", "VND", 300_000, 300_000, "cancelled", "refunded", "2025-03-02T00:00:00Z", false);
        order("o4", "USD", 1_000, 0, "open", "paid", "2025-05-01T00:00:00Z", false);
        order("o5", "EUR", 2_000, 0, "open", "paid", "2025-06-01T00:00:00Z", false);
        order("o6", "VND", 9_000_000, 0, "open", "paid", "2025-07-01T00:00:00Z", true);
        payment("pi_o1", 1_000_000, 1_000_000, "succeeded", "o1"); // paid o1 through Stripe: o1's money, not more
        payment("pi_own", 150_000, 150_000, "succeeded", null);   // a Stripe sale with no order in the hub
        payment("pi_failed", 80_000, 0, "requires_payment_method", null);

        JsonNode t = totals();

        assertThat(t.get("orders").asInt()).as("every order but the test one").isEqualTo(5);
        assertThat(t.get("cancelled").asInt()).isEqualTo(2);
        assertThat(t.get("purchases").asInt()).as("o1, o4, o5 and the Stripe sale").isEqualTo(4);
        assertThat(t.get("providerPayments").asInt()).isEqualTo(1);
        assertThat(t.at("/revenueByCurrency/VND/amountMinor").asLong()).isEqualTo(800_000 + 150_000);
        assertThat(t.at("/revenueByCurrency/USD/amountMinor").asLong()).isEqualTo(1_000);
        assertThat(t.at("/revenueByCurrency/EUR/amountMinor").asLong()).isEqualTo(2_000);
        assertThat(t.at("/revenue/currency").asText()).isEqualTo("VND");
        assertThat(t.at("/revenue/amountMinor").asLong()).as("VND plus $10.00 at 25000, EUR left out")
                .isEqualTo(800_000 + 150_000 + 250_000);
        assertThat(t.at("/revenue/rates/USD/rate").asText()).isEqualTo("25000");
        assertThat(t.at("/revenue/unconverted")).containsExactly(ProfileSearch.json("\"EUR\""));
        assertThat(t.at("/averageOrderValue/amountMinor").asLong()).as("over the 3 converted purchases")
                .isEqualTo(400_000);
        assertThat(t.at("/clv/amountMinor").asLong()).isEqualTo(1_200_000);
        assertThat(t.get("firstOrderAt").asText()).isEqualTo("2025-02-01T00:00:00Z");
        assertThat(t.get("lastOrderAt").asText()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(t.at("/rfm/frequency").asInt()).as("4 purchases reach the thresholds 2 and 3").isEqualTo(3);
        assertThat(t.at("/rfm/monetary").asInt()).as("1,200,000 ₫ reaches 500,000 only").isEqualTo(2);
    }

    @Test
    void aRateSetLaterConvertsWhatWasUnconvertedAndRecencyIsScoredWhenRead() {
        order("o4", "USD", 1_000, 0, "open", "paid", "2025-05-01T00:00:00Z", false);
        JsonNode before = totals();
        assertThat(before.at("/revenue/amountMinor").asLong()).isZero();
        assertThat(before.at("/revenue/unconverted")).containsExactly(ProfileSearch.json("\"USD\""));
        assertThat(before.get("averageOrderValue").isNull()).isTrue();

        rates.set("ws1", "VND", Map.of("USD", new BigDecimal("25400.5")), "ops");
        totals.refreshWorkspace("ws1");
        JsonNode after = ProfileSearch.json(jdbc.queryForObject("select totals::text from profile where id = ?", String.class, profile));
        assertThat(after.at("/revenue/amountMinor").asLong()).isEqualTo(254_005);
        assertThat(after.at("/revenue/unconverted")).isEmpty();

        Clock fortyDaysLater = Clock.fixed(Instant.parse("2025-06-10T00:00:00Z"), ZoneOffset.UTC);
        JsonNode read = new ProfileReader(jdbc, rules, consents, fortyDaysLater).profile(profile, "ws1").orElseThrow().totals();
        assertThat(read.at("/rfm/recency").asInt()).as("40 days: past 30, within 90").isEqualTo(4);
        Clock twoYearsLater = Clock.fixed(Instant.parse("2027-06-10T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new ProfileReader(jdbc, rules, consents, twoYearsLater).profile(profile, "ws1").orElseThrow().totals()
                .at("/rfm/recency").asInt()).isEqualTo(1);
    }

    @Test
    void theProfileListsEachPaymentOnceWithItsOrderOrOnItsOwn() {
        order("o1", "VND", 1_000_000, 0, "open", "paid", "2025-02-01T00:00:00Z", false);
        payment("pi_o1", 1_000_000, 1_000_000, "succeeded", "o1");
        payment("pi_own", 150_000, 150_000, "succeeded", null);

        ProfileReader.Profile read = new ProfileReader(jdbc, rules, consents).profile(profile, "ws1").orElseThrow();

        assertThat(read.orders()).singleElement().satisfies(o -> {
            assertThat(o.externalId()).isEqualTo("o1");
            assertThat(o.payments()).singleElement().satisfies(p -> {
                assertThat(p.get("connection").asText()).isEqualTo("stripe");
                assertThat(p.get("externalId").asText()).isEqualTo("pi_o1");
            });
        });
        assertThat(read.payments()).extracting(p -> p.get("externalId").asText()).containsExactly("pi_own");
        assertThat(read.identities()).extracting(ProfileReader.Identity::connection).containsExactly("shop", "stripe");
        assertThat(new ProfileReader(jdbc, rules, consents).profile(profile, "another-workspace")).isEmpty();
    }

    @Test
    void ratesAreCheckedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> rates.set("ws1", "VND", Map.of("USD", BigDecimal.ZERO), "ops"))
                .hasMessageContaining("rates.USD").hasMessageContaining("positive");
        assertThatThrownBy(() -> rates.set("ws1", "DONG", Map.of(), "ops"))
                .hasMessageContaining("reportingCurrency").hasMessageContaining("'DONG'");
        assertThatThrownBy(() -> rates.set("ws1", "VND", Map.of("XYZ", BigDecimal.ONE), "ops"))
                .hasMessageContaining("'XYZ' is not an ISO 4217");
        assertThat(rates.of("ws1").orElseThrow().rates()).isEmpty();
        assertThat(List.of(rates.of("ws1").orElseThrow().reportingCurrency())).containsExactly("VND");
    }
}
