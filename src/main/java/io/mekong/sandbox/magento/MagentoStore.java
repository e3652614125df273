package io.mekong.sandbox.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SandboxSecrets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One simulated Magento 2 store: customers, orders and products as the REST API writes them (snake_case, numbers for money,
 * UTC times without an offset), an integration's four credentials, and how it answers a page past the end:
 * the last page again (releases before 2.4) or an empty page (2.4+).
 */
public final class MagentoStore {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** An integration's OAuth 1.0a credentials. */
    public record Integration(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {

        /** A new integration: four random credentials, as the Magento admin generates them. */
        public static Integration random() {
            return new Integration(SandboxSecrets.random(""), SandboxSecrets.random(""), SandboxSecrets.random(""),
                    SandboxSecrets.random(""));
        }

        @Override
        public String toString() {
            return "Integration[" + consumerKey + "]";
        }
    }

    private final String storeCode;
    private volatile Integration integration;
    private final boolean repeatsLastPage;
    private final Clock clock;
    private final Map<Long, ObjectNode> customers = new TreeMap<>();
    private final Map<Long, ObjectNode> orders = new TreeMap<>();
    private final Map<Long, ObjectNode> products = new TreeMap<>();

    public MagentoStore(String storeCode, Integration integration, boolean repeatsLastPage, Clock clock) {
        this.storeCode = storeCode;
        this.integration = integration;
        this.repeatsLastPage = repeatsLastPage;
        this.clock = clock;
    }

    public String storeCode() {
        return storeCode;
    }

    public Integration integration() {
        return integration;
    }

    /** The integration is (re)activated with these credentials: from now on only they open the store. */
    public void activate(Integration integration) {
        this.integration = integration;
    }

    public boolean repeatsLastPage() {
        return repeatsLastPage;
    }

    synchronized void addCustomer(ObjectNode customer) {
        customers.put(customer.get("id").asLong(), customer);
    }

    synchronized void addOrder(ObjectNode order) {
        orders.put(order.get("entity_id").asLong(), order);
    }

    synchronized void addProduct(ObjectNode product) {
        products.put(product.get("id").asLong(), product);
    }

    public synchronized List<ObjectNode> products() {
        return List.copyOf(products.values());
    }

    /** A merchant's edit of a product in the admin: the change, and updated_at set to now. */
    public synchronized void updateProduct(long id, Consumer<ObjectNode> change) {
        ObjectNode product = products.get(id);
        change.accept(product);
        product.put("updated_at", TIME.format(clock.instant()));
    }

    public synchronized List<ObjectNode> customers() {
        return List.copyOf(customers.values());
    }

    public synchronized List<ObjectNode> orders() {
        return List.copyOf(orders.values());
    }

    /** A merchant's edit in the admin: the change, and updated_at set to now. */
    public synchronized void updateOrder(long entityId, Consumer<ObjectNode> change) {
        ObjectNode order = orders.get(entityId);
        change.accept(order);
        order.put("updated_at", TIME.format(clock.instant()));
    }

    /** A customer deleted in the admin: gone from every search, and Magento tells no one. */
    public synchronized void deleteCustomer(long id) {
        customers.remove(id);
    }

    synchronized List<ObjectNode> snapshot(String entity) {
        List<ObjectNode> copies = new ArrayList<>();
        Map<Long, ObjectNode> rows = switch (entity) {
            case "orders" -> orders;
            case "products" -> products;
            default -> customers;
        };
        rows.values().forEach(r -> copies.add(r.deepCopy()));
        return copies;
    }
}
