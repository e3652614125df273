package io.mekong.sandbox.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic WooCommerce data for the people of a Shopify seed: the same merchant also runs a WordPress shop, so
 * some of its Shopify customers have an account here too, their emails typed in another case and their phones in
 * the local form ({@code 0912 345 678}); a share of the orders are guest checkouts ({@code customer_id} 0) that only
 * a billing email or phone ties to a person. Amounts are strings with the store's decimals (none for VND), as the
 * API writes them; line prices are numbers. Some orders carry the buyer's checkout note and the shop's own notes.
 */
public final class WooSeed {

    private static final String[][] PRODUCTS = {{"101", "AODAI-LUA", "Áo dài lụa tơ tằm", "650000"},
        {"102", "NONLA-HUE", "Nón lá Huế", "120000"}, {"103", "CAPHE-BMT", "Cà phê Buôn Ma Thuột 500g", "185000"},
        {"104", "MUG-CER", "Ceramic Mug", "95000"}, {"105", "TRA-TN", "Trà Thái Nguyên", "150000"}};
    private static final String[] STATUSES = {"processing", "processing", "completed", "completed", "completed",
        "on-hold", "pending", "cancelled", "refunded", "failed"};
    /** Statuses of an order that was paid (on-hold waits for a bank transfer). */
    private static final Set<String> PAID = Set.of("processing", "completed", "refunded");
    private static final String[] CHECKOUT_NOTES = {"Giao giờ hành chính giúp em", "Gọi trước khi giao",
        "Please leave it with the doorman", "Gói quà giúp mình nhé"};
    private static final String[][] CITIES = {{"Hồ Chí Minh", "SG", "700000"}, {"Hà Nội", "HN", "100000"},
        {"Đà Nẵng", "DN", "550000"}, {"Cần Thơ", "CT", "900000"}};

    private static final String CONNECTOR = "woocommerce";

    private WooSeed() {
    }

    /** @param people the Shopify shop whose customers shop here too; {@code customers} of them get accounts */
    public static void populate(WooStore store, ShopifyShop people, long seed, int customers, int orders, Instant start) {
        populate(store, people, seed, customers, orders, start, SandboxPeople.UNRECORDED);
    }

    /** As above, telling {@code truth} whose each customer and order is and what WooCommerce shows of them. */
    public static void populate(WooStore store, ShopifyShop people, long seed, int customers, int orders, Instant start,
                                SandboxPeople truth) {
        Random random = new Random(seed);
        List<Customer> shoppers = people.read(people::shoppers).stream()
                .filter(c -> c.email != null).limit(customers).toList();
        List<ObjectNode> accounts = new ArrayList<>();
        for (int i = 0; i < shoppers.size(); i++) {
            ObjectNode account = customer(store, i + 2, shoppers.get(i), random, start.plusSeconds(5400L * i));
            store.addCustomer(account);
            accounts.add(account);
            truth.saw(CONNECTOR, store.siteUrl(), "customer", account.get("id").asLong(),
                    SandboxPeople.person("shopify", people.domain(), shoppers.get(i).id), evidence(account.get("billing"),
                            SandboxPeople.ref(CONNECTOR, store.siteUrl(), account.get("id").asLong())));
        }
        for (int n = 1; n <= orders; n++) {
            boolean guest = accounts.isEmpty() || random.nextInt(5) == 0;
            int who = accounts.isEmpty() ? 0 : random.nextInt(accounts.size());
            Instant placed = start.plusSeconds(900L * n);
            ObjectNode order = order(store, n + 1000, guest ? null : accounts.get(who), guest ? null : shoppers.get(who),
                    random, placed);
            store.addOrder(order, notes(store, order, random, placed));
            long customerId = order.get("customer_id").asLong();
            truth.saw(CONNECTOR, store.siteUrl(), "order", order.get("id").asLong(), guest
                            ? SandboxPeople.person(CONNECTOR, store.siteUrl(), "guest-" + order.get("id").asLong())
                            : SandboxPeople.person("shopify", people.domain(), shoppers.get(who).id),
                    evidence(order.get("billing"), guest ? null : SandboxPeople.ref(CONNECTOR, store.siteUrl(), customerId)));
        }
    }

    /** What a billing address shows of a person (its email may be empty), and {@code ref} when not null. */
    private static String[] evidence(JsonNode billing, String ref) {
        return new String[] {SandboxPeople.email(billing.path("email").asText(null)),
            SandboxPeople.phone(billing.path("phone").asText(null), "VN"), ref};
    }

    private static ObjectNode customer(WooStore store, long id, Customer person, Random random, Instant at) {
        ObjectNode c = WooStore.NODES.objectNode();
        c.put("id", id);
        store.stamp(c, "date_created", at);
        store.stamp(c, "date_modified", at.plusSeconds(60));
        // the same person, typed differently here: another case, a local phone
        String email = id % 3 == 0 ? person.email.toUpperCase(Locale.ROOT) : person.email;
        c.put("email", email).put("first_name", person.firstName).put("last_name", person.lastName)
                .put("role", "customer").put("username", person.email.substring(0, person.email.indexOf('@')))
                .put("is_paying_customer", true).put("avatar_url", "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g");
        String phone = localPhone(person.phone, id);
        c.set("billing", address(person.firstName, person.lastName, email, phone, CITIES[(int) (id % CITIES.length)]));
        c.set("shipping", address(person.firstName, person.lastName, null, phone, CITIES[(int) (id % CITIES.length)]));
        c.putArray("meta_data");
        return c;
    }

    private static ObjectNode order(WooStore store, long id, ObjectNode account, Customer person, Random random, Instant at) {
        String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        int qty = 1 + random.nextInt(3);
        long price = Long.parseLong(product[3]);
        long subtotal = price * qty;
        long discount = random.nextInt(6) == 0 ? 50000 : 0;
        long shipping = 30000;
        long total = subtotal - discount + shipping;
        String status = STATUSES[random.nextInt(STATUSES.length)];
        boolean paid = PAID.contains(status);
        String[] city = CITIES[random.nextInt(CITIES.length)];

        ObjectNode o = WooStore.NODES.objectNode();
        o.put("id", id).put("parent_id", 0).put("number", Long.toString(id)).put("order_key", "wc_order_" + Long.toHexString(id * 7919L))
                .put("created_via", "checkout").put("version", "9.4.2").put("status", status).put("currency", store.currency())
                .put("currency_symbol", "₫");
        store.stamp(o, "date_created", at);
        store.stamp(o, "date_modified", at.plusSeconds(120));
        o.put("discount_total", Long.toString(discount)).put("discount_tax", "0")
                .put("shipping_total", Long.toString(shipping)).put("shipping_tax", "0").put("cart_tax", "0")
                .put("total", Long.toString(total)).put("total_tax", "0").put("prices_include_tax", false);
        String email;
        String phone;
        String first;
        String last;
        if (account == null) {
            // a guest: often someone with an account elsewhere, typed another way
            first = random.nextBoolean() ? "Lan" : "Minh";
            last = random.nextBoolean() ? "Trần" : "Đỗ";
            email = random.nextInt(4) == 0 ? "" : first.toLowerCase(Locale.ROOT) + ".khach" + id + "@example.vn";
            phone = "09" + String.format("%08d", (id * 104729L) % 100_000_000L);
            o.put("customer_id", 0);
        } else {
            first = person.firstName;
            last = person.lastName;
            email = account.get("billing").get("email").asText();
            phone = account.get("billing").get("phone").asText();
            o.put("customer_id", account.get("id").asLong());
        }
        o.put("customer_ip_address", "113.161." + (id % 250) + "." + (id * 7 % 250))
                .put("customer_user_agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)")
                .put("customer_note", random.nextInt(4) == 0 ? CHECKOUT_NOTES[random.nextInt(CHECKOUT_NOTES.length)] : "");
        o.set("billing", address(first, last, email, phone, city));
        o.set("shipping", address(first, last, null, phone, city));
        boolean cod = random.nextInt(3) == 0;
        o.put("payment_method", cod ? "cod" : "bacs")
                .put("payment_method_title", cod ? "Trả tiền mặt khi nhận hàng" : "Chuyển khoản ngân hàng")
                .put("transaction_id", "");
        if (paid) {
            store.stamp(o, "date_paid", at.plusSeconds(60));
        } else {
            o.putNull("date_paid").putNull("date_paid_gmt");
        }
        if (status.equals("completed") || status.equals("refunded")) {
            store.stamp(o, "date_completed", at.plusSeconds(86_400));
        } else {
            o.putNull("date_completed").putNull("date_completed_gmt");
        }
        o.put("cart_hash", Long.toHexString(id * 31L)).putArray("meta_data");
        ArrayNode lines = o.putArray("line_items");
        ObjectNode line = lines.addObject();
        line.put("id", id * 10).put("name", product[2]).put("product_id", Long.parseLong(product[0])).put("variation_id", 0)
                .put("quantity", qty).put("tax_class", "").put("subtotal", Long.toString(subtotal)).put("subtotal_tax", "0")
                .put("total", Long.toString(subtotal - discount)).put("total_tax", "0").putArray("taxes");
        line.putArray("meta_data");
        line.put("sku", product[1]).put("price", price);
        line.putObject("image").put("id", "").put("src", "");
        line.putNull("parent_name");
        o.putArray("tax_lines");
        o.putArray("shipping_lines").addObject().put("id", id * 10 + 1).put("method_title", "Giao hàng tiêu chuẩn")
                .put("method_id", "flat_rate").put("instance_id", "1").put("total", Long.toString(shipping))
                .put("total_tax", "0").putArray("taxes");
        o.putArray("fee_lines");
        ArrayNode coupons = o.putArray("coupon_lines");
        if (discount > 0) {
            coupons.addObject().put("id", id * 10 + 2).put("code", "tet2025").put("discount", Long.toString(discount))
                    .put("discount_tax", "0");
        }
        ArrayNode refunds = o.putArray("refunds");
        if (status.equals("refunded")) {
            refunds.addObject().put("id", id * 10 + 3).put("reason", "Khách đổi ý").put("total", "-" + total);
        }
        o.put("set_paid", false);
        return o;
    }

    private static List<ObjectNode> notes(WooStore store, ObjectNode order, Random random, Instant placed) {
        List<ObjectNode> notes = new ArrayList<>();
        String status = order.get("status").asText();
        if (!status.equals("pending")) {
            notes.add(note(store, "Trạng thái đơn hàng đã được chuyển từ Chờ thanh toán sang " + status + ".", false,
                    "WooCommerce", false, placed.plusSeconds(60)));
        }
        if (random.nextInt(4) == 0) {
            notes.add(note(store, "Đã gọi xác nhận với khách, giao trong 2 ngày.", true, "Mekong Demo", true,
                    placed.plusSeconds(3600)));
        }
        return notes;
    }

    private static ObjectNode note(WooStore store, String text, boolean toCustomer, String author, boolean byUser, Instant at) {
        ObjectNode n = WooStore.NODES.objectNode();
        n.put("id", 0).put("author", author);
        store.stamp(n, "date_created", at);
        n.put("note", text).put("customer_note", toCustomer).put("added_by_user", byUser);
        return n;
    }

    private static ObjectNode address(String first, String last, String email, String phone, String[] city) {
        ObjectNode a = WooStore.NODES.objectNode();
        a.put("first_name", first).put("last_name", last).put("company", "").put("address_1", "25 Nguyễn Huệ")
                .put("address_2", "Phường Bến Nghé").put("city", city[0]).put("state", city[1]).put("postcode", city[2])
                .put("country", "VN");
        if (email != null) {
            a.put("email", email);
        }
        a.put("phone", phone);
        return a;
    }

    /** {@code +84912345678} as a Vietnamese buyer types it at a checkout: {@code 0912 345 678}. */
    private static String localPhone(String e164, long id) {
        String national = e164 != null && e164.startsWith("+84") ? e164.substring(3)
                : String.format("9%08d", (id * 7_654_321L) % 100_000_000L);
        String local = "0" + national;
        return local.length() == 10 ? local.substring(0, 4) + " " + local.substring(4, 7) + " " + local.substring(7) : local;
    }
}
