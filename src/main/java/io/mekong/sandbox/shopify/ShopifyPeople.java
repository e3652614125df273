package io.mekong.sandbox.shopify;

import io.mekong.sandbox.SandboxPeople;
import java.util.List;
import java.util.Map;

/** Tells {@link SandboxPeople} whose a seeded shop's customers and orders are, and what Shopify shows of them. */
final class ShopifyPeople {

    static final String CONNECTOR = "shopify";

    private ShopifyPeople() {
    }

    /** A Vietnamese shop's people type Vietnamese numbers; the others, as the demo connections say, American ones. */
    static String region(ShopSettings settings) {
        return settings.currencyCode().equals("VND") ? "VN" : "US";
    }

    static void tell(SandboxPeople people, ShopSettings settings, List<Customer> customers, List<Order> orders,
                     Map<Long, Customer> guestsKnown) {
        String shop = settings.domain();
        String region = region(settings);
        for (Customer c : customers) {
            people.saw(CONNECTOR, shop, "customer", c.id, SandboxPeople.person(CONNECTOR, shop, c.id),
                    SandboxPeople.email(c.email), SandboxPeople.phone(c.phone, region), SandboxPeople.ref(CONNECTOR, shop, c.id));
        }
        for (Order o : orders) {
            Customer known = o.customerId != null ? null : guestsKnown.get(o.id);
            String person = o.customerId != null ? SandboxPeople.person(CONNECTOR, shop, o.customerId)
                    : known != null ? SandboxPeople.person(CONNECTOR, shop, known.id)
                    : SandboxPeople.person(CONNECTOR, shop, "guest-" + o.id);
            people.saw(CONNECTOR, shop, "order", o.id, person, SandboxPeople.email(o.email),
                    SandboxPeople.phone(o.phone, region),
                    o.customerId == null ? null : SandboxPeople.ref(CONNECTOR, shop, o.customerId));
        }
    }
}
