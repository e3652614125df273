package io.mekong.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.Customer;

/** Tells {@link SandboxPeople} whose the store's customers and orders are, and what Magento shows of them. */
final class MagentoPeople {

    private static final String CONNECTOR = "magento";
    /** The seeded store's addresses are all in Vietnam. */
    private static final String REGION = "VN";

    private final SandboxPeople truth;
    private final String store;
    private final String shopifyDomain;

    MagentoPeople(SandboxPeople truth, String store, String shopifyDomain) {
        this.truth = truth;
        this.store = store;
        this.shopifyDomain = shopifyDomain;
    }

    void customer(JsonNode customer, Customer person) {
        long id = customer.get("id").asLong();
        truth.saw(CONNECTOR, store, "customer", id, SandboxPeople.person("shopify", shopifyDomain, person.id),
                SandboxPeople.email(customer.get("email").asText()),
                SandboxPeople.phone(customer.get("addresses").get(0).get("telephone").asText(), REGION),
                SandboxPeople.ref(CONNECTOR, store, id));
    }

    /** @param person the Shopify person who placed it, or null for a stranger who appears nowhere else */
    void order(JsonNode order, Customer person) {
        long id = order.get("entity_id").asLong();
        JsonNode customerId = order.get("customer_id");
        truth.saw(CONNECTOR, store, "order", id, person != null ? SandboxPeople.person("shopify", shopifyDomain, person.id)
                        : SandboxPeople.person(CONNECTOR, store, "guest-" + id),
                SandboxPeople.email(order.get("customer_email").asText()),
                SandboxPeople.phone(order.get("billing_address").get("telephone").asText(), REGION),
                customerId.isNull() ? null : SandboxPeople.ref(CONNECTOR, store, customerId.asLong()));
    }
}
