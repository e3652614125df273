package io.mekong.sandbox.woocommerce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One simulated WordPress site with WooCommerce: its REST API keys, orders with their notes, and customers, kept as
 * the v3 API writes them. Times are written twice as WooCommerce does: {@code date_modified} in the site's time zone
 * and {@code date_modified_gmt} in UTC, both without an offset. Every change moves {@code date_modified} and is told to
 * the listeners as a webhook topic ({@code order.updated}, {@code customer.deleted}…) with the payload WooCommerce sends.
 */
public final class WooStore {

    /** WordPress writes times as {@code 2025-03-04T10:15:30}: no fraction, no offset. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A REST API key as made in WooCommerce > Settings > Advanced > REST API.
     *
     * @param permissions {@code read}, {@code write} or {@code read_write}
     */
    public record ApiKey(String consumerKey, String consumerSecret, String permissions) {
        boolean canRead() {
            return permissions.contains("read");
        }
    }

    /** A change, as a webhook topic and the payload its delivery carries. */
    public record Change(String topic, long resourceId, ObjectNode payload) {
    }

    private final String siteUrl;
    private final ZoneId timeZone;
    private final String currency;
    private volatile List<ApiKey> keys;
    private final Clock clock;
    private final FaultInjector faults;
    private final Map<Long, ObjectNode> orders = new TreeMap<>();
    private final Map<Long, List<ObjectNode>> notes = new TreeMap<>();
    private final Map<Long, ObjectNode> customers = new TreeMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private long nextNoteId = 1;

    public WooStore(String siteUrl, ZoneId timeZone, String currency, List<ApiKey> keys, Clock clock, FaultPlan faults) {
        this.siteUrl = siteUrl;
        this.timeZone = timeZone;
        this.currency = currency;
        this.keys = List.copyOf(keys);
        this.clock = clock;
        this.faults = FaultInjector.sleeping(faults);
    }

    public String siteUrl() {
        return siteUrl;
    }

    ZoneId timeZone() {
        return timeZone;
    }

    public String currency() {
        return currency;
    }

    /** Revokes every REST API key and issues these, as WooCommerce > Settings > Advanced > REST API does. */
    public void issueKeys(List<ApiKey> issued) {
        this.keys = List.copyOf(issued);
    }

    /** The REST API keys that open the store now, as its REST API settings list them. */
    public List<ApiKey> keys() {
        return keys;
    }

    FaultInjector faults() {
        return faults;
    }

    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** Writes both forms of a time into {@code node}: {@code <name>} local and {@code <name>_gmt}. */
    void stamp(ObjectNode node, String name, Instant at) {
        node.put(name, TIME.format(LocalDateTime.ofInstant(at, timeZone)));
        node.put(name + "_gmt", TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)));
    }

    // --- seeding ----------------------------------------------------------------------------------------------

    public synchronized void addCustomer(ObjectNode customer) {
        customers.put(customer.get("id").asLong(), customer);
    }

    public synchronized void addOrder(ObjectNode order, List<ObjectNode> orderNotes) {
        long id = order.get("id").asLong();
        orders.put(id, order);
        List<ObjectNode> list = new ArrayList<>();
        for (ObjectNode note : orderNotes) {
            note.put("id", nextNoteId++);
            list.add(note);
        }
        notes.put(id, list);
    }

    // --- reading (copies, so that a reader never sees a change half made) ------------------------------------

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

    /** The notes of an order, newest first as {@code GET /orders/{id}/notes} lists them; empty when no such order. */
    public synchronized Optional<ArrayNode> notes(long orderId) {
        if (!orders.containsKey(orderId)) {
            return Optional.empty();
        }
        ArrayNode out = NODES.arrayNode();
        List<ObjectNode> list = notes.getOrDefault(orderId, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            out.add(list.get(i).deepCopy());
        }
        return Optional.of(out);
    }

    // --- the merchant and the buyers at work ---------------------------------------------------------------

    /** Changes an order (status, note…) and tells it as {@code order.updated}. */
    public void updateOrder(long id, Consumer<ObjectNode> change) {
        Change told;
        synchronized (this) {
            ObjectNode order = require(orders, id, "order");
            change.accept(order);
            stamp(order, "date_modified", tick());
            told = new Change("order.updated", id, order.deepCopy());
        }
        tell(told);
    }

    /** Adds a note to an order, as the merchant or a plugin does; the order's date_modified moves too. */
    public void addOrderNote(long id, String text, boolean toCustomer) {
        updateOrder(id, order -> {
            ObjectNode note = NODES.objectNode();
            note.put("id", nextNoteId++).put("author", "Mekong Demo").put("note", text).put("customer_note", toCustomer)
                    .put("added_by_user", true);
            stamp(note, "date_created", clock.instant());
            notes.computeIfAbsent(id, k -> new ArrayList<>()).add(note);
        });
    }

    /** Deletes an order for good (not to the trash): {@code order.deleted} carries only its id. */
    public void deleteOrder(long id) {
        synchronized (this) {
            require(orders, id, "order");
            orders.remove(id);
            notes.remove(id);
            tick();
        }
        tell(new Change("order.deleted", id, NODES.objectNode().put("id", id)));
    }

    /** Changes a customer and tells it as {@code customer.updated}. */
    public void updateCustomer(long id, Consumer<ObjectNode> change) {
        Change told;
        synchronized (this) {
            ObjectNode customer = require(customers, id, "customer");
            change.accept(customer);
            stamp(customer, "date_modified", tick());
            told = new Change("customer.updated", id, customer.deepCopy());
        }
        tell(told);
    }

    /** A new order placed at the checkout: {@code order.created}. */
    public void placeOrder(ObjectNode order) {
        Change told;
        synchronized (this) {
            Instant at = tick();
            stamp(order, "date_created", at);
            stamp(order, "date_modified", at);
            orders.put(order.get("id").asLong(), order);
            notes.put(order.get("id").asLong(), new ArrayList<>());
            told = new Change("order.created", order.get("id").asLong(), order.deepCopy());
        }
        tell(told);
    }

    public synchronized long nextOrderId() {
        return orders.isEmpty() ? 1 : ((TreeMap<Long, ObjectNode>) orders).lastKey() + 1;
    }

    /** The time of a change: now to the second, as WordPress keeps no fraction (two changes may share a second). */
    private Instant tick() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
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
