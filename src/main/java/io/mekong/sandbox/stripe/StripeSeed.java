package io.mekong.sandbox.stripe;

import io.mekong.sandbox.PeopleTyping;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.MailingAddress;
import io.mekong.sandbox.shopify.Order;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic Stripe data of a merchant whose shop is a simulated Shopify shop: the shop's customers are Stripe
 * customers (emails sometimes in other case, phones in any form, as checkouts write them; most name their Shopify
 * customer in {@code metadata.shopify_customer_id}, some not), and the shop's orders were paid through
 * payment intents carrying {@code metadata.order_id} = the Shopify order id. Outcomes as a real account sees them:
 * paid at once; declined first (insufficient funds, expired card, wrong CVC) then paid; declined and abandoned
 * ({@code requires_payment_method}); cancelled before paying; guest payments without a customer; partial and full
 * refunds a few days later. Fees are 2.9 % plus a fixed part (30 cents, or 7,000 ₫), rounded half up.
 */
public final class StripeSeed {

    private static final String[] DECLINES = {"insufficient_funds", "expired_card", "incorrect_cvc", "generic_decline"};
    private static final StripeObjects.Card[] CARDS = {
        new StripeObjects.Card("visa", "4242", "VN", "Xt5EWLLDS7FJjR1c"),
        new StripeObjects.Card("mastercard", "4444", "VN", "Mc8Hq2LsPz0Wy9Qa"),
        new StripeObjects.Card("visa", "1881", "US", "Vb3Rk7TnQ1Zx5Lmo"),
        new StripeObjects.Card("amex", "8431", "US", "Ax9Pq4WeR2Ty6Uio")};
    private static final Map<String, Long> FIXED_FEE = Map.of("usd", 30L, "vnd", 7_000L);

    private StripeSeed() {
    }

    /**
     * @param shop     the Shopify shop whose people and orders these are; its currency must be the account's
     * @param payments how many of the shop's orders (oldest first) were paid through Stripe
     */
    public static void populate(StripeAccount account, ShopifyShop shop, long seed, int payments) {
        populate(account, shop, seed, payments, SandboxPeople.UNRECORDED);
    }

    /** As above, telling {@code truth} whose each customer is and what Stripe shows of them. */
    public static void populate(StripeAccount account, ShopifyShop shop, long seed, int payments, SandboxPeople truth) {
        Random random = new Random(seed);
        List<Customer> people = shop.read(() -> shop.shoppers().stream().filter(c -> c.email != null)
                .sorted(Comparator.comparingLong(Customer::id)).toList());
        List<Order> orders = shop.read(() -> shop.orders().stream()
                .filter(o -> o.currencyCode.equalsIgnoreCase(account.currency()))
                .sorted(Comparator.comparing((Order o) -> o.createdAt)).limit(payments).toList());
        Map<Long, String> customerIds = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            Customer person = people.get(i);
            StripeAccount.Person shown = person(person, i);
            String id = account.createCustomer(shown, person.createdAt.toInstant());
            customerIds.put(person.id, id);
            truth.saw("stripe", account.id(), "customer", id, SandboxPeople.person("shopify", shop.domain(), person.id),
                    SandboxPeople.email(shown.email()),
                    SandboxPeople.phone(shown.phone(), account.currency().equals("vnd") ? "VN" : "US"),
                    SandboxPeople.ref("stripe", account.id(), id),
                    shown.shopifyCustomerId() == null ? null : SandboxPeople.ref("shopify", shop.domain(), person.id));
        }
        for (Order order : orders) {
            pay(account, order, order.customerId == null ? null : customerIds.get(order.customerId), random);
        }
    }

    private static StripeAccount.Person person(Customer c, int n) {
        // checkouts write what the buyer typed: every third email in capitals, every fifth capitalised
        String email = n % 3 == 0 ? c.email.toUpperCase(Locale.ROOT)
                : n % 5 == 0 ? Character.toUpperCase(c.email.charAt(0)) + c.email.substring(1) : c.email;
        // Stripe keeps a phone as it was typed; a customer made by the shop's payment app names its Shopify customer
        // in metadata, one who signed up through a payment link (every fifth) does not and is known by email only
        String phone = c.phone == null ? null : PeopleTyping.phone(c.phone, n);
        MailingAddress a = c.defaultAddress;
        return new StripeAccount.Person(c.displayName(), email, phone, c.locale,
                a == null ? null : a.address1(), a == null ? null : a.city(), a == null ? null : a.zip(),
                a == null ? null : a.countryCodeV2(), n % 5 == 2 ? null : Long.toString(c.id));
    }

    private static void pay(StripeAccount account, Order order, String customerId, Random random) {
        String currency = account.currency();
        long amount = order.totalPriceSet.shopMoney().amount()
                .movePointRight(order.totalPriceSet.shopMoney().amount().scale()).longValueExact();
        Instant at = order.createdAt.toInstant().plusSeconds(30);
        String name = order.billingAddress == null ? null : order.billingAddress.name();
        String intent = account.createPaymentIntent(amount, currency, customerId, order.email,
                Long.toString(order.id), at);
        StripeObjects.Card card = CARDS[random.nextInt(CARDS.length)];
        double outcome = random.nextDouble();
        if (outcome < 0.06) {
            account.cancelPaymentIntent(intent, "abandoned", at.plus(Duration.ofHours(1)));
            return;
        }
        if (outcome < 0.24) {
            account.attemptCard(intent, card, name, order.email, DECLINES[random.nextInt(DECLINES.length)], 0,
                    at.plusSeconds(5));
            if (outcome < 0.14) {
                return;
            }
            card = CARDS[(random.nextInt(CARDS.length - 1) + 1 + indexOf(card)) % CARDS.length];
        }
        String charge = account.attemptCard(intent, card, name, order.email, null, fee(amount, currency),
                at.plusSeconds(20));
        double refund = random.nextDouble();
        Instant later = at.plus(Duration.ofDays(3));
        if (refund < 0.08) {
            account.refund(charge, amount, "requested_by_customer", later);
        } else if (refund < 0.20) {
            account.refund(charge, partial(amount, currency), null, later);
        }
    }

    /** About a quarter, rounded to what a person would refund: whole thousands of dong, whole cents. */
    private static long partial(long amount, String currency) {
        long quarter = amount / 4;
        long rounded = currency.equals("vnd") ? quarter / 1000 * 1000 : quarter;
        return Math.max(1, rounded);
    }

    static long fee(long amount, String currency) {
        BigDecimal percent = BigDecimal.valueOf(amount).multiply(new BigDecimal("0.029")).setScale(0, RoundingMode.HALF_UP);
        return percent.longValueExact() + FIXED_FEE.getOrDefault(currency, 0L);
    }

    private static int indexOf(StripeObjects.Card card) {
        for (int i = 0; i < CARDS.length; i++) {
            if (CARDS[i] == card) {
                return i;
            }
        }
        return 0;
    }
}
