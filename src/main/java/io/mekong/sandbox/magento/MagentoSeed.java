package io.mekong.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.PeopleTyping;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.SharedPhones;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic Magento data for the people of a Shopify seed: the same merchant sells on both, so a share of its
 * Shopify customers also have a Magento account (email in other case, phone in another form), and buy there too; some
 * orders are guest checkouts (see {@link Guests}: Shopify people who did not sign in, and strangers, some on the shop's
 * hotline), some configurable products (a parent row and a child row), some cancelled, some refunded.
 */
public final class MagentoSeed {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[][] PRODUCTS = {{"AODAI", "Áo dài lụa", "650000"}, {"NONLA", "Nón lá", "120000"},
        {"CAPHE", "Cà phê Buôn Ma Thuột", "185000"}, {"MUG", "Ceramic Mug", "95000"}};
    private static final String[] SIZES = {"S", "M", "L"};

    private MagentoSeed() {
    }

    /** @param people the Shopify shop whose customers shop here too; {@code customers} of them get accounts */
    public static void populate(MagentoStore store, ShopifyShop people, long seed, int customers, int orders) {
        populate(store, people, seed, customers, orders, SandboxPeople.UNRECORDED);
    }

    /** As above, telling {@code truth} whose each customer and order is. */
    public static void populate(MagentoStore store, ShopifyShop people, long seed, int customers, int orders,
                                SandboxPeople truth) {
        Random random = new Random(seed);
        List<Customer> everyone = people.read(people::shoppers).stream()
                .filter(c -> c.email != null).toList();
        List<Customer> shoppers = everyone.stream().limit(customers).toList();
        Guests guests = new Guests(everyone, SharedPhones.hotline(people.settings()));
        MagentoPeople told = new MagentoPeople(truth, store.storeCode(), people.domain());
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        addCatalog(store, start.minusSeconds(86_400L * 30));
        for (int i = 0; i < shoppers.size(); i++) {
            ObjectNode customer = customer(i + 1, shoppers.get(i), start.plusSeconds(3600L * i));
            store.addCustomer(customer);
            told.customer(customer, shoppers.get(i));
        }
        for (int n = 1; n <= orders; n++) {
            boolean guest = shoppers.isEmpty() || random.nextInt(6) == 0;
            int who = shoppers.isEmpty() ? 0 : random.nextInt(shoppers.size());
            ObjectNode order = order(n, guest ? null : (long) who + 1, guest ? null : shoppers.get(who), random,
                    start.plusSeconds(600L * n));
            Customer person = guest ? guests.checkout(order) : shoppers.get(who);
            store.addOrder(order);
            told.order(order, person);
        }
    }

    /**
     * The catalog the orders sell from: one product per PRODUCTS row (ids 100+), the áo dài configurable with a
     * simple child per size (ids 200+, not visible on their own), as GET /V1/products lists them.
     */
    private static void addCatalog(MagentoStore store, Instant at) {
        for (int i = 0; i < PRODUCTS.length; i++) {
            String[] row = PRODUCTS[i];
            boolean configurable = row[0].equals("AODAI");
            ObjectNode p = product(100 + i, row[0], row[1], configurable ? null : Long.parseLong(row[2]),
                    configurable ? "configurable" : "simple", 4, at.plusSeconds(60L * i));
            if (configurable) {
                ArrayNode links = ((ObjectNode) p.get("extension_attributes")).putArray("configurable_product_links");
                for (int s = 0; s < SIZES.length; s++) {
                    long child = childId(SIZES[s]);
                    links.add(child);
                    store.addProduct(product(child, row[0] + "-" + SIZES[s], row[1] + " - " + SIZES[s],
                            Long.parseLong(row[2]), "simple", 1, at.plusSeconds(60L * i + s + 1)));
                }
            }
            store.addProduct(p);
        }
    }

    private static long childId(String size) {
        return 200 + Arrays.asList(SIZES).indexOf(size);
    }

    private static ObjectNode product(long id, String sku, String name, Long price, String type, int visibility,
                                      Instant at) {
        ObjectNode p = NODES.objectNode();
        p.put("id", id).put("sku", sku).put("name", name).put("attribute_set_id", 4);
        // a configurable product has no price of its own: its children carry them
        if (price != null) {
            p.put("price", price);
        }
        p.put("status", 1).put("visibility", visibility).put("type_id", type);
        p.put("created_at", MagentoStore.TIME.format(at)).put("updated_at", MagentoStore.TIME.format(at));
        p.put("weight", 0.5);
        ObjectNode extension = p.putObject("extension_attributes");
        extension.putArray("website_ids").add(1);
        extension.putArray("category_links").addObject().put("position", 0).put("category_id", "3");
        if (price != null) {
            extension.putObject("stock_item").put("item_id", id).put("product_id", id).put("stock_id", 1)
                    .put("qty", 10 + id % 7).put("is_in_stock", true);
        }
        p.putArray("product_links");
        p.putArray("options");
        p.putArray("media_gallery_entries");
        p.putArray("tier_prices");
        ArrayNode custom = p.putArray("custom_attributes");
        custom.addObject().put("attribute_code", "url_key").put("value", sku.toLowerCase());
        custom.addObject().put("attribute_code", "tax_class_id").put("value", "2");
        custom.addObject().put("attribute_code", "description").put("value", "<p>" + name + "</p>");
        return p;
    }

    private static ObjectNode customer(long id, Customer person, Instant at) {
        ObjectNode c = NODES.objectNode();
        c.put("id", id).put("group_id", 1).put("default_billing", Long.toString(id)).put("default_shipping", Long.toString(id));
        c.put("created_at", MagentoStore.TIME.format(at)).put("updated_at", MagentoStore.TIME.format(at));
        c.put("created_in", "Default Store View");
        c.put("email", id % 2 == 0 ? person.email.toUpperCase() : person.email);
        c.put("firstname", person.firstName).put("lastname", person.lastName).put("store_id", 1).put("website_id", 1);
        ArrayNode addresses = c.putArray("addresses");
        ObjectNode a = addresses.addObject();
        a.put("id", id).put("customer_id", id).put("country_id", "VN").put("city", "Hồ Chí Minh").put("postcode", "700000");
        a.putArray("street").add("12 Lý Thường Kiệt");
        a.put("telephone", telephone(id, person));
        a.put("firstname", person.firstName).put("lastname", person.lastName).put("default_shipping", true).put("default_billing", true);
        c.put("disable_auto_group_change", 0);
        // the newsletter flag Magento 2.4 adds to listed customers; a third of the accounts subscribed
        c.putObject("extension_attributes").put("is_subscribed", id % 3 == 0);
        return c;
    }

    /** The phone of customer {@code id}'s account: the Shopify person's in another form, or one of their own. */
    private static String telephone(long id, Customer person) {
        return person.phone == null ? "0912 000 " + String.format("%03d", id % 1000) : PeopleTyping.phone(person.phone, id);
    }

    private static ObjectNode order(long id, Long customerId, Customer person, Random random, Instant at) {
        int row = random.nextInt(PRODUCTS.length);
        String[] product = PRODUCTS[row];
        long price = Long.parseLong(product[2]);
        int qty = 1 + random.nextInt(3);
        boolean configurable = product[0].equals("AODAI");
        boolean cancelled = random.nextInt(10) == 0;
        boolean refunded = !cancelled && random.nextInt(8) == 0;
        long subtotal = price * qty;
        long shipping = 30000;
        long total = subtotal + shipping;
        ObjectNode o = NODES.objectNode();
        o.put("entity_id", id).put("increment_id", String.format("%09d", id));
        o.put("state", cancelled ? "canceled" : refunded ? "closed" : "processing");
        o.put("status", cancelled ? "canceled" : refunded ? "closed" : "processing");
        o.put("created_at", MagentoStore.TIME.format(at)).put("updated_at", MagentoStore.TIME.format(at.plusSeconds(60)));
        if (customerId == null) {
            o.putNull("customer_id").put("customer_is_guest", 1).put("customer_email", "khach" + id + "@example.vn");
        } else {
            o.put("customer_id", customerId).put("customer_is_guest", 0).put("customer_email", person.email);
        }
        o.put("base_currency_code", "VND").put("order_currency_code", "VND").put("store_currency_code", "VND");
        o.put("subtotal", subtotal).put("shipping_amount", shipping).put("discount_amount", 0).put("tax_amount", 0);
        o.put("grand_total", total).put("total_paid", cancelled ? 0 : total).put("total_refunded", refunded ? total : 0);
        ArrayNode items = o.putArray("items");
        ObjectNode parent = items.addObject();
        // the catalog's ids (see addCatalog): the product sold, and for the áo dài its size M child
        parent.put("item_id", id * 10).put("order_id", id).put("product_id", 100 + row).put("sku", product[0])
                .put("name", product[1]).put("product_type", configurable ? "configurable" : "simple")
                .put("price", price).put("qty_ordered", qty).put("qty_refunded", refunded ? qty : 0)
                .put("qty_canceled", cancelled ? qty : 0).put("qty_shipped", cancelled ? 0 : qty).put("discount_amount", 0);
        if (configurable) {
            items.addObject().put("item_id", id * 10 + 1).put("order_id", id).put("parent_item_id", id * 10)
                    .put("product_id", childId("M")).put("sku", product[0] + "-M").put("name", product[1] + " - M")
                    .put("product_type", "simple").put("price", 0).put("qty_ordered", qty).put("qty_refunded", 0)
                    .put("qty_canceled", 0).put("qty_shipped", cancelled ? 0 : qty);
        }
        ObjectNode billing = o.putObject("billing_address");
        billing.put("firstname", person == null ? "" : person.firstName).put("lastname", person == null ? "" : person.lastName)
                .put("country_id", "VN").put("city", "Hà Nội").put("postcode", "100000")
                .put("telephone", person == null ? "" : telephone(customerId, person));
        billing.putArray("street").add("5 Tràng Tiền");
        o.putObject("payment").put("entity_id", id).put("method", "cashondelivery").put("amount_ordered", total)
                .put("amount_paid", cancelled ? 0 : total);
        return o;
    }
}
