package io.mekong.sandbox.shopify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Phones that several people give, which a resolver must not take for one person's. The shop's hotline: staff take
 * orders by phone as draft orders and type the hotline for callers who gave no number, so strangers with names of
 * their own share it. A household's phone: a customer's family member (same family name, another given name) checks
 * out as a guest with the home phone and an email of their own.
 */
public final class SharedPhones {

    /** How many strangers' orders carry the hotline, and how many family members check out with a home phone. */
    static final int HOTLINE_ORDERS = 6;
    static final int HOUSEHOLDS = 3;
    private static final String[] VN_GIVEN = {"Thị Mai", "Văn Nam", "Minh Khang", "Ngọc Hân"};
    private static final String[] EN_FIRST = {"Alice", "Peter", "Lucy", "Sam"};

    private final Random random;
    private final boolean vietnamese;
    private final String hotline;

    SharedPhones(ShopSettings settings, long seed) {
        this.random = new Random(seed * 31 + 17);
        this.vietnamese = settings.currencyCode().equals("VND");
        this.hotline = hotline(settings);
    }

    /** The shop's hotline as its staff type it. */
    public static String hotline(ShopSettings settings) {
        return settings.currencyCode().equals("VND") ? "028 3823 4567" : "(212) 555-0142";
    }

    /**
     * @param guestsKnown guest orders of people who also have an account (those are left alone: they are customers)
     */
    void apply(List<Order> orders, List<Customer> customers, Map<Long, Customer> guestsKnown) {
        List<Order> strangers = new ArrayList<>(orders.stream()
                .filter(o -> o.customerId == null && !guestsKnown.containsKey(o.id) && o.billingAddress != null).toList());
        Collections.shuffle(strangers, random);
        Set<String> names = new HashSet<>();
        int hotlined = 0;
        int next = 0;
        for (; next < strangers.size() && hotlined < HOTLINE_ORDERS; next++) {
            Order o = strangers.get(next);
            // strangers: a repeated name could be one caller calling twice, which is not what this case is about
            if (names.add(ShopifyText.ascii(o.billingAddress.name()))) {
                o.sourceName = "shopify_draft_order";
                give(o, hotline, o.billingAddress.firstName(), o.billingAddress.lastName());
                hotlined++;
            }
        }
        List<Customer> withPhones = customers.stream().filter(c -> c.phone != null && c.lastName != null).toList();
        for (int h = 0; h < HOUSEHOLDS && next < strangers.size() && !withPhones.isEmpty(); h++, next++) {
            Customer family = withPhones.get(random.nextInt(withPhones.size()));
            String[] given = vietnamese ? VN_GIVEN : EN_FIRST;
            String first = given[random.nextInt(given.length)];
            if (first.equals(family.firstName)) {
                first = given[(List.of(given).indexOf(first) + 1) % given.length];
            }
            String home = vietnamese && family.phone.startsWith("+84") ? "0" + family.phone.substring(3) : family.phone;
            give(strangers.get(next), home, first, family.lastName);
        }
    }

    private static void give(Order o, String phone, String first, String last) {
        MailingAddress given = o.billingAddress.givenBy(first, last, phone);
        o.phone = phone;
        o.billingAddress = given;
        o.shippingAddress = o.shippingAddress == null ? null : given;
    }
}
