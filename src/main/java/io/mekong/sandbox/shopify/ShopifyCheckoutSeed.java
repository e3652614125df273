package io.mekong.sandbox.shopify;

import io.mekong.sandbox.SandboxPeople;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic abandoned checkouts for a shop already seeded by {@link ShopifySeed}, drawn from a generator of their
 * own so that the shop's other rows stay what they were. Four kinds, in about these shares:
 * <ul>
 * <li>recovered (30%): the checkout of one of the shop's orders, left a few minutes before the order was placed and
 *     completed by it ({@code completedAt} = the order's time);</li>
 * <li>followed by an order (15%): a customer's checkout never completed, but the same customer ordered later (through
 *     another checkout);</li>
 * <li>abandoned by a customer (35%): never completed, at a random time of the customer's life: whether they ordered
 *     after it is left to the draw, as in a real shop;</li>
 * <li>abandoned by a guest (20%): never completed, by a buyer who gave only an email.</li>
 * </ul>
 * The Admin API gives a checkout no email or phone of its own: Shopify makes a customer of the contact given at
 * checkout, so a guest's checkout has a customer with only an email, told to {@link SandboxPeople} as a person of
 * their own. A recovered checkout of a guest order is the account holder's whose email the order gives.
 */
public final class ShopifyCheckoutSeed {

    private static final long CHECKOUT_IDS = 33_800_000_000_000L;
    private static final long GUEST_CUSTOMER_IDS = 6_990_000_000_000L;
    private static final String[] VN_NAMES = {"lan.nguyen", "minh.tran", "thu.le", "bao.pham", "vy.hoang"};
    private static final String[] EN_NAMES = {"sam.lee", "kim.park", "alex.rivera", "jo.smith", "pat.kelly"};

    private final ShopifyShop shop;
    private final Random random;
    private final String currency;
    private final SandboxPeople people;
    private long checkoutId;
    private long guestId;

    private ShopifyCheckoutSeed(ShopifyShop shop, long seed, SandboxPeople people) {
        this.shop = shop;
        // another stream of draws than ShopifySeed's for the same seed
        this.random = new Random(seed * 31 + 17);
        this.currency = shop.settings().currencyCode();
        this.people = people;
        this.checkoutId = CHECKOUT_IDS + random.nextInt(1000);
        this.guestId = GUEST_CUSTOMER_IDS + random.nextInt(1000);
    }

    /** Adds {@code count} abandoned checkouts to {@code shop}, which must already hold its customers, orders and products. */
    public static void populate(ShopifyShop shop, long seed, int count, SandboxPeople people) {
        if (count <= 0) {
            return;
        }
        new ShopifyCheckoutSeed(shop, seed, people).add(count);
    }

    private void add(int count) {
        List<Order> orders = shop.read(() -> List.copyOf(shop.orders()));
        List<Customer> customers = shop.read(() -> List.copyOf(shop.customers()));
        List<ProductVariant> sellable = shop.read(() -> shop.products().stream().filter(p -> !p.status.equals("DRAFT"))
                .flatMap(p -> p.variants.stream()).toList());
        Map<String, Customer> byEmail = new HashMap<>();
        customers.stream().filter(c -> c.email != null).forEach(c -> byEmail.put(c.email.toLowerCase(Locale.ROOT), c));
        // a guest order is recovered only when its email is an account holder's: a customer made of a guest order's
        // email would be a second person to the sandboxes that draw their people from this shop's customers
        List<Order> withContact = orders.stream().filter(o -> o.customerId != null
                || o.email != null && byEmail.containsKey(o.email.toLowerCase(Locale.ROOT))).toList();
        List<Order> ofCustomers = orders.stream().filter(o -> o.customerId != null).toList();
        List<Customer> reachable = customers.stream().filter(c -> c.email != null || c.phone != null).toList();
        if (sellable.isEmpty() || reachable.isEmpty() || ofCustomers.isEmpty()) {
            throw new IllegalStateException("abandoned checkouts need a shop seeded with products, customers and orders");
        }
        for (int i = 0; i < count; i++) {
            double kind = random.nextDouble();
            if (kind < 0.30) {
                recovered(pick(withContact), byEmail);
            } else if (kind < 0.45) {
                Order later = pick(ofCustomers);
                OffsetDateTime at = later.processedAt.minusHours(1 + random.nextInt(72));
                shop.add(checkout(at, later.customerId, lines(sellable)));
            } else if (kind < 0.80) {
                Customer customer = pick(reachable);
                shop.add(checkout(timeAfter(customer.createdAt), customer.id, lines(sellable)));
            } else {
                OffsetDateTime at = timeAfter(ShopifySeed.SEED_EPOCH.atZone(shop.settings().timezone())
                        .toOffsetDateTime().minusDays(300));
                Customer guest = guest(at);
                shop.add(checkout(at, guest.id, lines(sellable)));
            }
        }
    }

    /** The checkout an order was placed from, completed by it. */
    private void recovered(Order order, Map<String, Customer> byEmail) {
        Long customerId = order.customerId != null ? order.customerId
                : byEmail.get(order.email.toLowerCase(Locale.ROOT)).id;
        OffsetDateTime left = order.createdAt.minusMinutes(5 + random.nextInt(115));
        List<LineItem> lines = new ArrayList<>();
        for (LineItem line : order.lineItems) {
            lines.add(new LineItem(++checkoutId, line.title(), line.variantTitle(), line.sku(), line.quantity(),
                    line.quantity(), line.productId(), line.variantId(), shopMoney(line.originalUnitPriceSet()),
                    shopMoney(line.totalDiscountSet()), line.taxable(), line.requiresShipping()));
        }
        AbandonedCheckout checkout = checkout(left, customerId, lines);
        checkout.billingAddress = order.billingAddress;
        checkout.shippingAddress = order.shippingAddress;
        checkout.completedAt = order.createdAt;
        checkout.updatedAt = order.createdAt;
        shop.add(checkout);
    }

    private AbandonedCheckout checkout(OffsetDateTime createdAt, Long customerId, List<LineItem> lines) {
        checkoutId += 1 + random.nextInt(5000);
        long id = checkoutId;
        byte[] token = new byte[16];
        random.nextBytes(token);
        AbandonedCheckout c = new AbandonedCheckout(id, createdAt, "https://" + shop.domain() + "/checkouts/ac/"
                + HexFormat.of().formatHex(token) + "/recover?key=" + HexFormat.of().formatHex(token, 0, 8));
        c.customerId = customerId;
        Customer customer = shop.read(() -> shop.customer(customerId));
        if (customer != null && customer.defaultAddress != null) {
            c.shippingAddress = customer.defaultAddress;
            c.billingAddress = customer.defaultAddress;
        }
        c.lineItems.addAll(lines);
        BigDecimal lineTotal = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        for (LineItem line : lines) {
            lineTotal = lineTotal.add(line.originalUnitPriceSet().shopMoney().amount()
                    .multiply(BigDecimal.valueOf(line.quantity())));
            discounts = discounts.add(line.totalDiscountSet().shopMoney().amount());
        }
        BigDecimal subtotal = lineTotal.subtract(discounts);
        BigDecimal tax = subtotal.multiply(currency.equals("VND") ? new BigDecimal("0.08") : new BigDecimal("0.07"))
                .setScale(MoneyV2.scale(currency), RoundingMode.HALF_EVEN);
        c.totalLineItemsPriceSet = MoneyBag.single(lineTotal, currency);
        c.totalDiscountSet = MoneyBag.single(discounts, currency);
        c.subtotalPriceSet = MoneyBag.single(subtotal, currency);
        c.totalTaxSet = MoneyBag.single(tax, currency);
        c.totalPriceSet = MoneyBag.single(subtotal.add(tax), currency);
        c.updatedAt = capped(createdAt.plusMinutes(random.nextInt(30)));
        return c;
    }

    private List<LineItem> lines(List<ProductVariant> sellable) {
        List<LineItem> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ProductVariant v = pick(sellable);
            if (lines.stream().anyMatch(l -> l.variantId() == v.id)) {
                continue;
            }
            Product p = shop.read(() -> shop.product(v.productId));
            int quantity = 1 + (random.nextDouble() < 0.25 ? random.nextInt(3) : 0);
            lines.add(new LineItem(++checkoutId, p.title, v.title.equals("Default Title") ? null : v.title, v.sku,
                    quantity, quantity, p.id, v.id, MoneyBag.single(v.price, currency),
                    MoneyBag.single(BigDecimal.ZERO, currency), v.taxable, true));
        }
        return lines;
    }

    /**
     * The customer Shopify makes of a new buyer who gave only an email at checkout: no name, no account, no consent;
     * a person of their own.
     */
    private Customer guest(OffsetDateTime at) {
        guestId += 1 + random.nextInt(5000);
        Customer c = new Customer(guestId, at);
        boolean vietnamese = currency.equals("VND");
        // "+n" makes the address unique, and no other seed writes one (an address is one person's)
        c.email = pick(vietnamese ? VN_NAMES : EN_NAMES) + "+" + (guestId - GUEST_CUSTOMER_IDS)
                + "@" + (vietnamese ? "gmail.com" : "example.com");
        c.locale = vietnamese ? "vi" : "en";
        c.emailMarketingConsent = MarketingConsent.email("NOT_SUBSCRIBED", "SINGLE_OPT_IN", null);
        // not one of the people the other sandboxes draw from: their picks (and typos) stay as they were
        shop.addCheckoutCustomer(c);
        people.saw(ShopifyPeople.CONNECTOR, shop.domain(), "customer", c.id,
                SandboxPeople.person(ShopifyPeople.CONNECTOR, shop.domain(), c.id),
                SandboxPeople.email(c.email), SandboxPeople.ref(ShopifyPeople.CONNECTOR, shop.domain(), c.id));
        return c;
    }

    /** A time between {@code from} and an hour before the seed's end. */
    private OffsetDateTime timeAfter(OffsetDateTime from) {
        OffsetDateTime end = ShopifySeed.SEED_EPOCH.minusSeconds(3600).atZone(shop.settings().timezone()).toOffsetDateTime();
        long span = Math.max(1, end.toEpochSecond() - from.toEpochSecond());
        return from.plusSeconds((long) (random.nextDouble() * span));
    }

    private OffsetDateTime capped(OffsetDateTime time) {
        OffsetDateTime end = ShopifySeed.SEED_EPOCH.atZone(shop.settings().timezone()).toOffsetDateTime();
        return time.isAfter(end) ? end : time;
    }

    /** Checkouts are priced in the shop's currency: an order's presentment amounts are not carried over. */
    private MoneyBag shopMoney(MoneyBag bag) {
        return MoneyBag.single(bag.shopMoney().amount(), currency);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
