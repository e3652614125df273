package io.mekong.sandbox.haravan;

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

/**
 * Deterministic Haravan data for the people of a Shopify seed: the merchant's Vietnamese customers also buy in its
 * Haravan shop (web and POS), with their emails in another case and their phones in the local form; POS and guest
 * orders have no customer; amounts are VND numbers ({@code 240000.0}); some orders are cancelled, refunded or
 * closed, and some carry the buyer's note.
 */
public final class HaravanSeed {

    private static final String[][] PRODUCTS = {{"1028183635", "1061514635", "AO999", "Áo len cổ tròn kiểu Cổ điển", "Trắng / L", "240000"},
        {"1028183640", "1061514650", "NONLA", "Nón lá Huế", "Mặc định", "120000"},
        {"1028183641", "1061514651", "CAPHE500", "Cà phê Buôn Ma Thuột 500g", "Rang xay", "185000"},
        {"1028183642", "1061514652", "LUA-VP", "Khăn lụa Vạn Phúc", "Đỏ", "320000"}};
    private static final String[][] PLACES = {{"Hồ Chí Minh", "HC", "Quận 1", "HC760", "Phường Bến Nghé", "26734"},
        {"Hà Nội", "HI", "Quận Hoàn Kiếm", "HI002", "Phường Tràng Tiền", "00070"},
        {"Đà Nẵng", "DA", "Quận Hải Châu", "DA492", "Phường Thạch Thang", "20200"}};
    private static final String[] NOTES = {"Giao hàng giờ hành chính", "Gọi trước khi giao", "", "", ""};

    private static final String CONNECTOR = "haravan";

    private HaravanSeed() {
    }

    /** A Haravan shop is known by its organisation id. */
    private static String source(HaravanShop shop) {
        return Long.toString(shop.orgId());
    }

    public static void populate(HaravanShop shop, ShopifyShop people, long seed, int customers, int orders, Instant start) {
        populate(shop, people, seed, customers, orders, start, SandboxPeople.UNRECORDED);
    }

    /** As above, telling {@code truth} whose each customer and order is and what Haravan shows of them. */
    public static void populate(HaravanShop shop, ShopifyShop people, long seed, int customers, int orders, Instant start,
                                SandboxPeople truth) {
        Random random = new Random(seed);
        List<Customer> shoppers = people.read(people::shoppers).stream()
                .filter(c -> c.email != null || c.phone != null).limit(customers).toList();
        List<ObjectNode> accounts = new ArrayList<>();
        for (int i = 0; i < shoppers.size(); i++) {
            ObjectNode c = customer(1_000_100L + i, shoppers.get(i), start.plusSeconds(7200L * i));
            shop.addCustomer(c);
            accounts.add(c);
            truth.saw(CONNECTOR, source(shop), "customer", c.get("id").asLong(),
                    SandboxPeople.person("shopify", people.domain(), shoppers.get(i).id), SandboxPeople.email(c.path("email").asText(null)),
                    SandboxPeople.phone(c.path("phone").asText(null), "VN"), SandboxPeople.ref(CONNECTOR, source(shop), c.get("id").asLong()));
        }
        for (int n = 1; n <= orders; n++) {
            boolean guest = accounts.isEmpty() || random.nextInt(4) == 0;
            int who = guest ? -1 : random.nextInt(accounts.size());
            ObjectNode buyer = guest ? null : accounts.get(who);
            ObjectNode order = order(1_070_000_000L + n, 1000 + n, buyer, random, start.plusSeconds(1200L * n));
            shop.addOrder(order);
            long id = order.get("id").asLong();
            truth.saw(CONNECTOR, source(shop), "order", id, guest ? SandboxPeople.person(CONNECTOR, source(shop), "guest-" + id)
                            : SandboxPeople.person("shopify", people.domain(), shoppers.get(who).id),
                    SandboxPeople.email(order.path("email").asText(null)), SandboxPeople.phone(order.path("phone").asText(null), "VN"),
                    guest ? null : SandboxPeople.ref(CONNECTOR, source(shop), buyer.get("id").asLong()));
        }
    }

    private static ObjectNode customer(long id, Customer person, Instant at) {
        ObjectNode c = HaravanShop.NODES.objectNode();
        String email = person.email == null ? null : id % 2 == 0 ? person.email.toUpperCase(Locale.ROOT) : person.email;
        String phone = person.phone != null && person.phone.startsWith("+84") ? "0" + person.phone.substring(3) : person.phone;
        c.put("id", id).put("email", email).put("accepts_marketing", id % 3 == 0)
                .put("created_at", HaravanShop.TIME.format(at)).put("updated_at", HaravanShop.TIME.format(at.plusSeconds(30)))
                .put("first_name", person.firstName).put("last_name", person.lastName).put("orders_count", 0)
                .put("state", "enabled").put("total_spent", 0.0).putNull("last_order_id").put("note", "")
                .put("verified_email", email != null).putNull("multipass_identifier").put("tax_exempt", false)
                .put("phone", phone).put("tags", "").putNull("last_order_name").putNull("birthday").putNull("gender");
        ObjectNode address = address(id, person.firstName, person.lastName, phone, PLACES[(int) (id % PLACES.length)]);
        address.put("default", true);
        c.putArray("addresses").add(address);
        c.set("default_address", address.deepCopy());
        return c;
    }

    private static ObjectNode order(long id, int number, ObjectNode buyer, Random random, Instant at) {
        String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        int qty = 1 + random.nextInt(2);
        double price = Double.parseDouble(product[5]);
        double subtotal = price * qty;
        double discount = random.nextInt(5) == 0 ? 20000 : 0;
        double shipping = random.nextBoolean() ? 30000 : 0;
        double total = subtotal - discount + shipping;
        int draw = random.nextInt(20);
        boolean cancelled = draw == 0;
        boolean refunded = draw == 1;
        boolean closed = draw >= 2 && draw < 8;
        boolean pos = buyer == null && random.nextBoolean();
        String[] place = PLACES[random.nextInt(PLACES.length)];

        ObjectNode o = HaravanShop.NODES.objectNode();
        String email = buyer == null ? (pos ? null : "khach" + number + "@example.vn") : buyer.path("email").asText(null);
        String phone = buyer == null ? "09" + String.format("%08d", (number * 7919L) % 100_000_000L) : buyer.path("phone").asText(null);
        o.put("id", id).put("email", email).put("contact_email", email)
                .put("created_at", HaravanShop.TIME.format(at)).put("updated_at", HaravanShop.TIME.format(at.plusSeconds(300)))
                .put("number", number).put("order_number", "#" + number).put("name", "#" + number)
                .put("note", NOTES[random.nextInt(NOTES.length)]).put("token", Long.toHexString(id * 104729L))
                .put("gateway", pos ? "Tiền mặt" : "Thanh toán khi giao hàng (COD)")
                .put("test", false).put("total_price", total).put("subtotal_price", subtotal - discount)
                .put("total_line_items_price", subtotal).put("total_discounts", discount).put("total_tax", 0.0)
                .put("taxes_included", false).put("total_weight", 500 * qty).put("currency", "VND")
                .put("financial_status", refunded ? "refunded" : cancelled ? "voided" : closed || pos ? "paid" : "pending")
                .put("fulfillment_status", closed ? "fulfilled" : "notfulfilled")
                .put("confirmed_status", "confirmed").put("closed_status", closed || refunded ? "closed" : "unclosed")
                .put("cancelled_status", cancelled ? "cancelled" : "uncancelled")
                .put("source_name", pos ? "pos" : "web").put("source", pos ? "pos" : "web")
                .put("processed_at", HaravanShop.TIME.format(at)).put("phone", phone)
                .put("tags", random.nextInt(6) == 0 ? "VIP, Tết" : "").put("browser_ip", pos ? null : "113.161.4." + number % 250);
        if (cancelled) {
            o.put("cancelled_at", HaravanShop.TIME.format(at.plusSeconds(3600))).put("cancel_reason", "customer");
        } else {
            o.putNull("cancelled_at").putNull("cancel_reason");
        }
        if (closed || refunded) {
            o.put("closed_at", HaravanShop.TIME.format(at.plusSeconds(172_800)));
        } else {
            o.putNull("closed_at");
        }
        o.putArray("note_attributes");
        o.putArray("discount_codes");
        if (discount > 0) {
            ((ArrayNode) o.get("discount_codes")).addObject().put("code", "TET2025").put("amount", discount).put("type", "fixed_amount");
        }
        ArrayNode lines = o.putArray("line_items");
        ObjectNode line = lines.addObject();
        line.put("id", id * 10 + 1).put("product_id", Long.parseLong(product[0])).put("variant_id", Long.parseLong(product[1]))
                .put("sku", product[2]).put("title", product[3]).put("name", product[3]).put("variant_title", product[4])
                .put("vendor", "Mekong Demo").put("quantity", qty).put("price", price).put("price_original", price)
                .put("total_discount", discount).put("grams", 500).put("requires_shipping", true).put("taxable", false)
                .put("product_exists", true).put("fulfillable_quantity", closed ? 0 : qty)
                .put("fulfillment_status", closed ? "fulfilled" : null).put("fulfillment_service", "manual");
        ArrayNode shippingLines = o.putArray("shipping_lines");
        if (shipping > 0) {
            shippingLines.addObject().put("code", "GHTK").put("price", shipping).put("source", "haravan")
                    .put("title", "Giao hàng tiết kiệm");
        }
        ArrayNode refunds = o.putArray("refunds");
        if (refunded) {
            ObjectNode refund = refunds.addObject();
            refund.put("id", id * 10 + 5).put("created_at", HaravanShop.TIME.format(at.plusSeconds(86_400)))
                    .put("note", "Khách trả hàng").put("restock", true);
            refund.putArray("transactions").addObject().put("id", id * 10 + 6).put("amount", total).put("kind", "refund")
                    .put("status", "success").put("gateway", "Tiền mặt");
        }
        ArrayNode transactions = o.putArray("transactions");
        if (!o.get("financial_status").asText().equals("pending") && !cancelled) {
            transactions.addObject().put("id", id * 10 + 7).put("amount", total).put("kind", "capture")
                    .put("status", "success").put("gateway", o.get("gateway").asText())
                    .put("created_at", HaravanShop.TIME.format(at.plusSeconds(60)));
        }
        String first = buyer == null ? "Khách" : buyer.get("first_name").asText();
        String last = buyer == null ? "Lẻ" : buyer.get("last_name").asText();
        if (!pos) {
            o.set("billing_address", address(id, first, last, phone, place));
            o.set("shipping_address", address(id + 1, first, last, phone, place));
        } else {
            o.putNull("billing_address").putNull("shipping_address");
        }
        if (buyer == null) {
            o.putNull("customer");
        } else {
            ObjectNode customer = o.putObject("customer");
            customer.put("id", buyer.get("id").asLong()).put("email", email).put("first_name", first).put("last_name", last)
                    .put("phone", phone);
        }
        return o;
    }

    private static ObjectNode address(long id, String first, String last, String phone, String[] place) {
        ObjectNode a = HaravanShop.NODES.objectNode();
        a.put("id", id).put("address1", "182 Lê Đại Hành").putNull("address2").put("city", place[0]).putNull("company")
                .put("country", "Vietnam").put("country_code", "VN").put("first_name", first).put("last_name", last)
                .put("name", first + " " + last).put("phone", phone).put("province", place[0]).put("province_code", place[1])
                .put("district", place[2]).put("district_code", place[3]).put("ward", place[4]).put("ward_code", place[5])
                .putNull("zip");
        return a;
    }
}
