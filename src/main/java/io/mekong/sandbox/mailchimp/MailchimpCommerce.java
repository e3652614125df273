package io.mekong.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated e-commerce store: customers (upserted by id) and orders (created once, then patched). A customer
 * new to the store joins the list as Mailchimp's e-commerce API makes it join: subscribed if it opted in, else
 * transactional; an existing member's status is never changed by it.
 */
final class MailchimpCommerce {

    private final Clock clock;
    private final MailchimpAccount account;
    private final MailchimpMembers members;
    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private long customersDeleted;
    private long ordersDeleted;

    MailchimpCommerce(Clock clock, MailchimpAccount account, MailchimpMembers members) {
        this.clock = clock;
        this.account = account;
        this.members = members;
    }

    /** {@code PUT /ecommerce/stores/{store}/customers/{id}}: the customer as now stored. */
    synchronized ObjectNode putCustomer(String id, ObjectNode body) {
        String bodyId = Json.requiredText(body, "id", "id");
        if (!bodyId.equals(id)) {
            throw new Invalid("id", "The id in the body (" + bodyId + ") is not the id in the path (" + id + ").");
        }
        ObjectNode existing = customers.get(id);
        String email = Json.text(body, "email_address", "email_address");
        if (existing == null && email == null) {
            throw new Invalid("email_address", "This value should not be blank.");
        }
        JsonNode optIn = body.get("opt_in_status");
        if (existing == null && (optIn == null || !optIn.isBoolean())) {
            throw new Invalid("opt_in_status", "This value should be a boolean.");
        }
        return upsertCustomer(id, body);
    }

    private ObjectNode upsertCustomer(String id, ObjectNode fields) {
        String now = MailchimpMembers.TIME.format(clock.instant());
        ObjectNode customer = customers.get(id);
        if (customer == null) {
            customer = Json.object().put("id", id).put("orders_count", 0).put("total_spent", 0).put("created_at", now);
            customers.put(id, customer);
        }
        for (String field : new String[] {"email_address", "opt_in_status", "company", "first_name", "last_name", "address"}) {
            if (fields.has(field)) {
                customer.set(field, fields.get(field).deepCopy());
            }
        }
        customer.put("updated_at", now);
        String email = customer.path("email_address").asText(null);
        if (email != null) {
            members.ensure(email, customer.path("opt_in_status").asBoolean(false) ? "subscribed" : "transactional",
                    customer.path("first_name").asText(null), customer.path("last_name").asText(null));
        }
        return customer.deepCopy();
    }

    synchronized boolean deleteCustomer(String id) {
        if (customers.remove(id) == null) {
            return false;
        }
        customersDeleted++;
        // orders keep the customer's id only: nothing else of the person stays in the store
        for (ObjectNode order : orders.values()) {
            if (id.equals(order.path("customer").path("id").asText(null))) {
                order.putObject("customer").put("id", id);
            }
        }
        return true;
    }

    /** {@code POST /ecommerce/stores/{store}/orders}: refused when the id exists; its customer is upserted. */
    synchronized ObjectNode createOrder(ObjectNode body) {
        String id = Json.requiredText(body, "id", "id");
        if (orders.containsKey(id)) {
            throw MailchimpErrors.refusal(400, MailchimpErrors.INVALID_RESOURCE, "An order with id " + id
                    + " already exists in store " + account.storeId() + ".");
        }
        ObjectNode customer = Json.objectAt(body, "customer", "customer");
        String customerId = Json.requiredText(customer, "id", "customer.id");
        if (!customers.containsKey(customerId) && customer.path("email_address").asText("").isBlank()) {
            throw new Invalid("customer.email_address", "A new customer needs an email_address.");
        }
        Json.requiredText(body, "currency_code", "currency_code");
        if (!body.path("order_total").isNumber()) {
            throw new Invalid("order_total", "This value should be a number.");
        }
        ArrayNode lines = Json.arrayAt(body, "lines", "lines");
        if (lines.isEmpty()) {
            throw new Invalid("lines", "An order needs at least one line.");
        }
        for (JsonNode line : lines) {
            for (String field : new String[] {"id", "product_id", "product_variant_id"}) {
                Json.requiredText(line, field, "lines." + field);
            }
            if (!line.path("quantity").isIntegralNumber() || !line.path("price").isNumber()) {
                throw new Invalid("lines.quantity", "Each line needs a whole quantity and a numeric price.");
            }
        }
        ObjectNode stored = upsertCustomer(customerId, customer);
        ObjectNode c = customers.get(customerId);
        c.put("orders_count", c.get("orders_count").asInt() + 1)
                .put("total_spent", c.get("total_spent").asDouble() + body.get("order_total").asDouble());
        ObjectNode order = body.deepCopy();
        order.set("customer", stored);
        String now = MailchimpMembers.TIME.format(clock.instant());
        order.put("store_id", account.storeId()).put("created_at", now).put("updated_at", now);
        orders.put(id, order);
        return order.deepCopy();
    }

    /** {@code PATCH .../orders/{id}}: the given fields replace the order's. */
    synchronized ObjectNode patchOrder(String id, ObjectNode body) {
        ObjectNode order = orders.get(id);
        if (order == null) {
            throw MailchimpErrors.notFound();
        }
        body.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id") && !field.getKey().equals("customer")) {
                order.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        order.put("updated_at", MailchimpMembers.TIME.format(clock.instant()));
        return order.deepCopy();
    }

    synchronized ObjectNode order(String id) {
        ObjectNode order = orders.get(id);
        return order == null ? null : order.deepCopy();
    }

    synchronized boolean deleteOrder(String id) {
        if (orders.remove(id) == null) {
            return false;
        }
        ordersDeleted++;
        return true;
    }

    synchronized int orderCount() {
        return orders.size();
    }

    synchronized ObjectNode state() {
        ObjectNode store = Json.object().put("id", account.storeId()).put("list_id", account.listId())
                .put("currency_code", account.storeCurrency());
        ArrayNode c = store.putArray("customers");
        customers.values().forEach(x -> c.add(x.deepCopy()));
        ArrayNode o = store.putArray("orders");
        orders.values().forEach(x -> o.add(x.deepCopy()));
        store.put("customerCount", customers.size()).put("orderCount", orders.size());
        store.putObject("deletions").put("customers", customersDeleted).put("orders", ordersDeleted);
        return store;
    }
}
