package io.mekong.sandbox.shopify;

import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.LeakyBucket;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One simulated shop: its settings, its data, its cost bucket and its faults. GraphQL reads run under the
 * read lock; merchant changes take the write lock and move {@code updatedAt} forward the way Shopify does.
 */
public final class ShopifyShop {

    private volatile ShopSettings settings;
    private final Clock clock;
    private final LeakyBucket bucket;
    private final FaultInjector faults;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SortedRows<Customer> customers = new SortedRows<>(RowSort.CUSTOMERS);
    private final SortedRows<Order> orders = new SortedRows<>(RowSort.ORDERS);
    private final SortedRows<Product> products = new SortedRows<>(RowSort.PRODUCTS);
    private final SortedRows<AbandonedCheckout> checkouts = new SortedRows<>(RowSort.CHECKOUTS);
    private final Set<Long> checkoutCustomers = new HashSet<>();
    private final Map<Long, ProductVariant> variants = new TreeMap<>();
    private long lastId;
    private OffsetDateTime latestChange;
    private int mutateEveryPages;
    private long pagesServed;
    private List<Identified> lastPage = List.of();
    private final LongAdder rowsExamined = new LongAdder();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /**
     * A merchant's change as Shopify announces it to webhook subscribers: the topic, the row it is about (the order of
     * a refund for {@code refunds/create}, with the refund as {@code detail}) and when it happened.
     */
    public record Change(String topic, Identified row, Identified detail, OffsetDateTime at) {
    }

    public ShopifyShop(ShopSettings settings, Clock clock, FaultInjector faults) {
        this.settings = settings;
        this.clock = clock;
        this.bucket = new LeakyBucket(settings.plan().maximumAvailable(), settings.plan().restoreRate(), clock);
        this.faults = faults;
    }

    public ShopifyShop(ShopSettings settings, Clock clock) {
        this(settings, clock, FaultInjector.sleeping(FaultPlan.NONE));
    }

    public ShopSettings settings() {
        return settings;
    }

    /** An app is installed anew: from now on only {@code accessToken} opens the shop's Admin API. */
    public void installApp(String accessToken) {
        settings = settings.withAccessToken(accessToken);
    }

    public String domain() {
        return settings.domain();
    }

    LeakyBucket bucket() {
        return bucket;
    }

    FaultInjector faults() {
        return faults;
    }

    // ---------- loading (seed and fixture import) ----------

    public void add(Customer customer) {
        write(() -> {
            track(customer.id, customer.updatedAt);
            customers.put(customer);
        });
    }

    /**
     * A customer Shopify made of a buyer who gave only an email at checkout ({@link ShopifyCheckoutSeed}): a customer of
     * the shop like any other, but none of the people the other sandboxes draw theirs from (see {@link #shoppers()}).
     */
    public void addCheckoutCustomer(Customer customer) {
        write(() -> {
            add(customer);
            checkoutCustomers.add(customer.id);
        });
    }

    public void add(Order order) {
        write(() -> {
            track(order.id, order.updatedAt);
            orders.put(order);
        });
    }

    public void add(Product product) {
        write(() -> {
            track(product.id, product.updatedAt);
            products.put(product);
            product.variants.forEach(v -> {
                track(v.id, v.updatedAt);
                variants.put(v.id, v);
            });
        });
    }

    public void add(AbandonedCheckout checkout) {
        write(() -> {
            track(checkout.id, checkout.updatedAt);
            checkouts.put(checkout);
        });
    }

    /** A fresh id above every id the shop holds (refunds, transactions and rows created at run time). */
    public synchronized long newId() {
        return ++lastId;
    }

    // ---------- reads (under the read lock, see read()) ----------

    SortedRows<Customer> sortedCustomers() {
        return customers;
    }

    SortedRows<Order> sortedOrders() {
        return orders;
    }

    SortedRows<Product> sortedProducts() {
        return products;
    }

    SortedRows<AbandonedCheckout> sortedCheckouts() {
        return checkouts;
    }

    public Collection<AbandonedCheckout> checkouts() {
        return checkouts.values();
    }

    public AbandonedCheckout checkout(long id) {
        return checkouts.get(id);
    }

    public Collection<Customer> customers() {
        return customers.values();
    }

    /**
     * The shop's people as the other sandboxes (Magento, Stripe, Shopee, Lazada, WooCommerce, Haravan) draw theirs from:
     * every customer but those abandoned checkouts made, so that seeding checkouts leaves the other channels' people,
     * their picks and their typos as they were.
     */
    public List<Customer> shoppers() {
        return customers.values().stream().filter(c -> !checkoutCustomers.contains(c.id)).toList();
    }

    public Collection<Order> orders() {
        return orders.values();
    }

    public Collection<Product> products() {
        return products.values();
    }

    public Customer customer(long id) {
        return customers.get(id);
    }

    public Order order(long id) {
        return orders.get(id);
    }

    public Product product(long id) {
        return products.get(id);
    }

    public ProductVariant variant(long id) {
        return variants.get(id);
    }

    public int customerCount() {
        return read(customers::size);
    }

    public int orderCount() {
        return read(orders::size);
    }

    public int productCount() {
        return read(products::size);
    }

    /** {@code filter}, counting the rows it is asked about in {@link #rowsExamined()}. */
    <T> Predicate<T> examining(Predicate<T> filter) {
        return row -> {
            rowsExamined.increment();
            return filter.test(row);
        };
    }

    /** How many rows connection pages have looked at so far: the work paging does, for tests of its cost. */
    long rowsExamined() {
        return rowsExamined.sum();
    }

    public <T> T read(Supplier<T> reader) {
        lock.readLock().lock();
        try {
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------- merchant changes ----------

    /** Called after each merchant change, outside the shop's lock (read rows through {@link #read}). */
    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void updateOrder(long id, Consumer<Order> change) {
        write(() -> {
            Order order = require(orders, id, "Order");
            change.accept(order);
            order.updatedAt = nextChangeTime();
            orders.put(order);
        });
        announce("orders/updated", orders.get(id), null);
    }

    /**
     * Sets an order's note, as the admin's note box and the {@code orderUpdate} mutation do: the order's
     * updatedAt moves on and {@code orders/updated} is sent. A blank note clears it, as Shopify stores none.
     */
    public void editOrderNote(long id, String note) {
        updateOrder(id, o -> o.note = note == null || note.isBlank() ? null : note);
    }

    public void addOrderTag(long id, String tag) {
        updateOrder(id, o -> {
            List<String> tags = new ArrayList<>(o.tags);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
            o.tags = List.copyOf(tags);
        });
    }

    /** Refunds {@code quantity} of one line item, as "Refund" in the Shopify admin does. */
    public Refund refundLineItem(long orderId, long lineItemId, int quantity, String note) {
        Refund[] created = new Refund[1];
        write(() -> {
            Order order = require(orders, orderId, "Order");
            OffsetDateTime at = nextChangeTime();
            created[0] = OrderRefunds.refund(order, Map.of(lineItemId, quantity), note, "RETURN", at, this::newId);
            order.updatedAt = at;
            orders.put(order);
        });
        announce("refunds/create", orders.get(orderId), created[0]);
        announce("orders/updated", orders.get(orderId), null);
        return created[0];
    }

    /** Cancels an order with a GraphQL {@code OrderCancelReason} value (CUSTOMER, INVENTORY, FRAUD…). */
    public void cancelOrder(long id, String reason) {
        write(() -> {
            Order order = require(orders, id, "Order");
            OffsetDateTime at = nextChangeTime();
            OrderRefunds.cancel(order, reason, at, this::newId);
            order.updatedAt = at;
            orders.put(order);
        });
        announce("orders/cancelled", orders.get(id), null);
        announce("orders/updated", orders.get(id), null);
    }

    /** Deletes an order, as the admin allows for archived or cancelled ones: gone from every query. */
    public void deleteOrder(long id) {
        Order[] deleted = new Order[1];
        write(() -> {
            deleted[0] = require(orders, id, "Order");
            nextChangeTime();
            orders.remove(id);
        });
        announce("orders/delete", deleted[0], null);
    }

    /**
     * A customer leaves a checkout of {@code quantity} of {@code variant} at {@code at} (its last change too), as one
     * that gave their contact and went away; with no {@code checkouts/*} announcement, as the connector reads
     * checkouts by sync only.
     */
    public AbandonedCheckout leaveCheckout(long customerId, long variantId, int quantity, OffsetDateTime at) {
        ProductVariant variant = read(() -> variants.get(variantId));
        Product product = read(() -> products.get(variant.productId));
        long id = newId();
        AbandonedCheckout checkout = new AbandonedCheckout(id, at,
                "https://" + domain() + "/checkouts/ac/" + Long.toHexString(id) + "/recover?key=" + Long.toHexString(at.toEpochSecond()));
        checkout.customerId = customerId;
        String currency = settings.currencyCode();
        checkout.lineItems.add(new LineItem(newId(), product.title, variant.title, variant.sku, quantity, quantity,
                product.id, variant.id, MoneyBag.single(variant.price, currency),
                MoneyBag.single(java.math.BigDecimal.ZERO, currency), variant.taxable, true));
        MoneyBag total = MoneyBag.single(variant.price.multiply(java.math.BigDecimal.valueOf(quantity)), currency);
        checkout.totalLineItemsPriceSet = total;
        checkout.subtotalPriceSet = total;
        checkout.totalPriceSet = total;
        checkout.totalDiscountSet = total.zero();
        add(checkout);
        return checkout;
    }

    /** The buyer comes back and pays: the checkout is completed (Shopify keeps listing it, as recovered). */
    public void completeCheckout(long id) {
        write(() -> {
            AbandonedCheckout checkout = require(checkouts, id, "AbandonedCheckout");
            checkout.updatedAt = nextChangeTime();
            checkout.completedAt = checkout.updatedAt;
            checkouts.put(checkout);
        });
    }

    public void updateCustomer(long id, Consumer<Customer> change) {
        write(() -> {
            Customer customer = require(customers, id, "Customer");
            change.accept(customer);
            customer.updatedAt = nextChangeTime();
            customers.put(customer);
        });
        announce("customers/update", customers.get(id), null);
    }

    public void updateProduct(long id, Consumer<Product> change) {
        write(() -> {
            Product product = require(products, id, "Product");
            change.accept(product);
            product.updatedAt = nextChangeTime();
            products.put(product);
        });
        announce("products/update", products.get(id), null);
    }

    // ---------- records updated while a sync runs ----------

    /**
     * Every {@code everyPages} requests, before answering, the first and last record of the page served just
     * before are edited (0 = never): records change between the pages of a sync.
     */
    public synchronized void mutateWhileSyncing(int everyPages) {
        this.mutateEveryPages = everyPages;
    }

    synchronized void pageServed(List<? extends Identified> page) {
        if (!page.isEmpty()) {
            lastPage = List.copyOf(page);
        }
    }

    /** Called before each request is executed: applies the sync-time edits when they are due. */
    void beforeRequest() {
        List<Identified> toEdit;
        synchronized (this) {
            if (mutateEveryPages <= 0 || lastPage.isEmpty() || ++pagesServed % mutateEveryPages != 0) {
                return;
            }
            toEdit = lastPage.size() == 1 ? lastPage : List.of(lastPage.get(0), lastPage.get(lastPage.size() - 1));
        }
        toEdit.forEach(this::editDuringSync);
    }

    private void editDuringSync(Identified row) {
        String mark = "Edited while a sync ran (" + pagesServed + ")";
        if (row instanceof Order order) {
            updateOrder(order.id, o -> o.note = mark);
        } else if (row instanceof Customer customer) {
            updateCustomer(customer.id, c -> c.note = mark);
        } else if (row instanceof Product product) {
            updateProduct(product.id, p -> p.variants.stream().findFirst().ifPresent(v -> {
                v.inventoryQuantity = v.inventoryQuantity == null ? 0 : Math.max(0, v.inventoryQuantity - 1);
                v.updatedAt = p.updatedAt;
            }));
        }
    }

    // ---------- internals ----------

    /**
     * Shopify stamps changes with the current time; the simulator also keeps change times strictly after every
     * timestamp it holds, so a change is never hidden behind a cursor even with a fake clock.
     */
    private OffsetDateTime nextChangeTime() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant floor = latestChange == null ? now : latestChange.toInstant().plusSeconds(1);
        Instant at = now.isAfter(floor) ? now : floor;
        latestChange = at.atZone(settings.timezone()).toOffsetDateTime();
        return latestChange;
    }

    private void track(long id, OffsetDateTime updatedAt) {
        synchronized (this) {
            lastId = Math.max(lastId, id);
        }
        if (latestChange == null || updatedAt.isAfter(latestChange)) {
            latestChange = updatedAt;
        }
    }

    private void announce(String topic, Identified row, Identified detail) {
        OffsetDateTime at;
        synchronized (this) {
            at = latestChange;
        }
        Change change = new Change(topic, row, detail, at);
        listeners.forEach(listener -> listener.accept(change));
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static <T extends Identified> T require(SortedRows<T> rows, long id, String type) {
        T row = rows.get(id);
        if (row == null) {
            throw new NoSuchElementException(type + " " + id + " does not exist");
        }
        return row;
    }
}
