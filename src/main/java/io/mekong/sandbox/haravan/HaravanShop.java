package io.mekong.sandbox.haravan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.LeakyBucket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One simulated Haravan shop (an "org"): orders and customers as the Omni REST API writes them (Shopify-like, with
 * Haravan's own fields such as {@code cancelled_status}, {@code closed_status} and {@code district}), the leaky bucket
 * that throttles it (80 calls, 4 a second), and the changes it tells its webhooks as topics ({@code orders/updated},
 * {@code customers/delete}…).
 */
public final class HaravanShop {

    /** Haravan writes times in UTC with a fraction of a second: {@code 2021-05-13T07:29:20.100Z}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Bucket size and leak rate of the Omni API. */
    public static final int BUCKET = 80;
    public static final double LEAK_PER_SECOND = 4;

    /** A change, as a webhook topic and the payload its delivery carries. */
    public record Change(String topic, ObjectNode payload) {
    }

    private final long orgId;
    private final String name;
    private final Clock clock;
    private final LeakyBucket bucket;
    private final FaultInjector faults;
    private final Map<Long, ObjectNode> orders = new TreeMap<>();
    private final Map<Long, ObjectNode> customers = new TreeMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    public HaravanShop(long orgId, String name, Clock clock, FaultPlan faults) {
        this.orgId = orgId;
        this.name = name;
        this.clock = clock;
        this.bucket = new LeakyBucket(BUCKET, LEAK_PER_SECOND, clock);
        this.faults = FaultInjector.sleeping(faults);
    }

    public long orgId() {
        return orgId;
    }

    public String name() {
        return name;
    }

    LeakyBucket bucket() {
        return bucket;
    }

    FaultInjector faults() {
        return faults;
    }

    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public synchronized void addOrder(ObjectNode order) {
        orders.put(order.get("id").asLong(), order);
    }

    public synchronized void addCustomer(ObjectNode customer) {
        customers.put(customer.get("id").asLong(), customer);
    }

    public synchronized List<ObjectNode> orders() {
        return orders.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized List<ObjectNode> customers() {
        return customers.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized Optional<ObjectNode> order(long id) {
        return Optional.ofNullable(orders.get(id)).map(ObjectNode::deepCopy);
    }

    public synchronized Optional<ObjectNode> customer(long id) {
        return Optional.ofNullable(customers.get(id)).map(ObjectNode::deepCopy);
    }

    /** Changes an order and tells it as {@code topic} (orders/updated, orders/cancelled, orders/paid…). */
    public void updateOrder(long id, String topic, Consumer<ObjectNode> change) {
        Change told;
        synchronized (this) {
            ObjectNode order = require(orders, id, "order");
            change.accept(order);
            order.put("updated_at", TIME.format(clock.instant()));
            told = new Change(topic, order.deepCopy());
        }
        tell(told);
    }

    /** Cancels an order as the merchant does in the admin: {@code orders/cancelled}. */
    public void cancelOrder(long id, String reason) {
        Instant now = clock.instant();
        updateOrder(id, "orders/cancelled", o -> o.put("cancelled_status", "cancelled").put("cancel_reason", reason)
                .put("cancelled_at", TIME.format(now)));
    }

    /** Changes a customer and tells it as {@code customers/update}. */
    public void updateCustomer(long id, Consumer<ObjectNode> change) {
        Change told;
        synchronized (this) {
            ObjectNode customer = require(customers, id, "customer");
            change.accept(customer);
            customer.put("updated_at", TIME.format(clock.instant()));
            told = new Change("customers/update", customer.deepCopy());
        }
        tell(told);
    }

    /** Deletes an order: {@code orders/delete} carries only its id. */
    public void deleteOrder(long id) {
        synchronized (this) {
            require(orders, id, "order");
            orders.remove(id);
        }
        tell(new Change("orders/delete", NODES.objectNode().put("id", id)));
    }

    private void tell(Change change) {
        listeners.forEach(listener -> listener.accept(change));
    }

    private static ObjectNode require(Map<Long, ObjectNode> rows, long id, String what) {
        ObjectNode row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no " + what + " " + id);
        }
        return row;
    }
}
