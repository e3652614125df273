package io.mekong.sandbox.shopee;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.Product;
import io.mekong.sandbox.shopify.ProductVariant;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic Shopee orders for a merchant who also sells on Shopify: the buyers are that shop's people, the
 * products its products with the same SKUs (the honest link between the channels). Buyers appear as Shopee shows
 * them to a seller: a username and a numeric id, the recipient's name, phone and street masked, no email. Orders
 * spread over {@code span} before {@code end} (several 15-day windows) in every status, COD and prepaid, some with
 * several lines, some with two models of one item.
 */
public final class ShopeeSeed {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SN_DATE = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String SN_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXY";
    private static final String[] STATUSES = {"UNPAID", "READY_TO_SHIP", "PROCESSED", "SHIPPED", "COMPLETED",
        "COMPLETED", "COMPLETED", "IN_CANCEL", "CANCELLED"};
    private static final String[] PREPAID = {"ShopeePay", "Credit Card/Debit Card", "SPayLater", "Online Banking"};
    private static final String[][] CARRIERS = {{"Giao Hàng Nhanh", "50018"}, {"SPX Express", "50021"},
        {"Giao Hàng Tiết Kiệm", "50011"}, {"J&T Express", "50022"}};
    private static final String[][] PLACES = {{"Thành phố Hồ Chí Minh", "Quận 3", "Phường Võ Thị Sáu", "South"},
        {"Hà Nội", "Quận Đống Đa", "Phường Láng Hạ", "North"}, {"Đà Nẵng", "Quận Sơn Trà", "Phường An Hải Bắc", "Central"},
        {"Cần Thơ", "Quận Ninh Kiều", "Phường Tân An", "South"}, {"Bạc Liêu", "Huyện Phước Long", "Xã Phong Thạnh Tây B", "South"}};
    private static final String[] SELLER_CANCEL = {"Out of Stock", "Undeliverable Area", "Customer Request"};
    private static final String[] BUYER_CANCEL = {"Need to change delivery address", "Need to modify order",
        "Found cheaper elsewhere", "Others / change of mind"};

    private final ShopeeShop shop;
    private final Random random;
    private final List<Customer> buyers;
    private final List<Product> products;
    private final SandboxPeople truth;
    private final String domain;

    private ShopeeSeed(ShopeeShop shop, ShopifyShop people, long seed, SandboxPeople truth) {
        this.shop = shop;
        this.truth = truth;
        this.domain = people.domain();
        this.random = new Random(seed);
        this.buyers = people.read(people::shoppers);
        this.products = people.read(() -> people.products().stream()
                .filter(p -> p.variants.stream().allMatch(v -> v.sku != null && v.price != null)).toList());
    }

    /**
     * @param people the Shopify shop (in VND) whose people buy here and whose products are listed here
     * @param end    the newest create/update time; orders lie in the {@code span} before it
     */
    public static void populate(ShopeeShop shop, ShopifyShop people, long seed, int orders, Instant end, Duration span) {
        populate(shop, people, seed, orders, end, span, SandboxPeople.UNRECORDED);
    }

    /** As above, telling {@code truth} whose each order is: Shopee shows nothing of the buyer but its id. */
    public static void populate(ShopeeShop shop, ShopifyShop people, long seed, int orders, Instant end, Duration span,
                                SandboxPeople truth) {
        ShopeeSeed s = new ShopeeSeed(shop, people, seed, truth);
        if (s.buyers.isEmpty() || s.products.isEmpty()) {
            throw new IllegalArgumentException("the Shopify shop " + people.domain() + " has no customers or no products to seed Shopee from");
        }
        for (int n = 0; n < orders; n++) {
            Instant created = end.minus(span).plusSeconds((long) (s.random.nextDouble() * span.toSeconds() * 0.9));
            s.order(created, end);
        }
    }

    private void order(Instant created, Instant end) {
        int who = random.nextInt(buyers.size());
        Customer buyer = buyers.get(who);
        String status = STATUSES[random.nextInt(STATUSES.length)];
        boolean cod = !status.equals("UNPAID") && random.nextInt(10) < 4;
        Instant updated = min(end, created.plusSeconds(3600L + random.nextInt(9 * 24 * 3600)));
        Instant paid = status.equals("UNPAID") || cod && !status.equals("COMPLETED") ? null
                : cod ? updated.minusSeconds(3600) : created.plusSeconds(60 + random.nextInt(1800));
        if (paid != null && paid.isBefore(created)) {
            paid = created;
        }
        String[] carrier = CARRIERS[random.nextInt(CARRIERS.length)];
        String[] place = PLACES[random.nextInt(PLACES.length)];

        ObjectNode o = NODES.objectNode();
        o.put("actual_shipping_fee_confirmed", !status.equals("UNPAID") && !status.equals("READY_TO_SHIP"));
        o.put("buyer_cancel_reason", status.equals("IN_CANCEL") || status.equals("CANCELLED") && random.nextBoolean()
                ? BUYER_CANCEL[random.nextInt(BUYER_CANCEL.length)] : "");
        o.putNull("buyer_cpf_id");
        o.put("buyer_user_id", 1_170_300_000L + 7_919L * who);
        o.put("buyer_username", username(buyer, who));
        o.put("cancel_by", "").put("cancel_reason", "");
        if (status.equals("CANCELLED")) {
            boolean unpaidTimeout = paid == null;
            o.put("cancel_by", unpaidTimeout ? "system" : o.get("buyer_cancel_reason").asText().isEmpty() ? "seller" : "buyer");
            o.put("cancel_reason", unpaidTimeout ? "Payment Timeout"
                    : o.get("cancel_by").asText().equals("buyer") ? o.get("buyer_cancel_reason").asText()
                    : SELLER_CANCEL[random.nextInt(SELLER_CANCEL.length)]);
        }
        o.put("cod", cod);
        o.put("create_time", created.getEpochSecond());
        o.put("currency", shop.currency());
        o.put("days_to_ship", 2);
        o.putNull("dropshipper").putNull("dropshipper_phone");
        long shippingFee = 15_000 + 5_000L * random.nextInt(5);
        o.put("estimated_shipping_fee", shippingFee);
        o.put("fulfillment_flag", "fulfilled_by_local_seller");
        o.put("goods_to_declare", false);
        o.putNull("invoice_data");
        ArrayNode items = o.putArray("item_list");
        long subtotal = lines(items);
        o.put("message_to_seller", random.nextInt(5) == 0 ? "Giao giờ hành chính giúp em nhé" : "");
        o.put("note", "").put("note_update_time", 0);
        String orderSn;
        do {
            orderSn = orderSn(created);
        } while (shop.order(orderSn) != null);
        o.put("order_sn", orderSn);
        o.put("order_status", status);
        ObjectNode pkg = o.putArray("package_list").addObject();
        pkg.putNull("group_shipment_id");
        ArrayNode packed = pkg.putArray("item_list");
        items.forEach(i -> packed.addObject().put("item_id", i.get("item_id").asLong()).put("model_id", i.get("model_id").asLong())
                .put("model_quantity", i.get("model_quantity_purchased").asInt()).put("order_item_id", i.get("order_item_id").asLong())
                .put("product_location_id", "VN10XX2UZ").put("promotion_group_id", 0));
        pkg.put("logistics_status", logistics(status, paid));
        pkg.put("package_number", "OFG" + (100_000_000_000_000L + Math.abs(random.nextLong() % 900_000_000_000_000L)));
        pkg.put("parcel_chargeable_weight_gram", 200 * items.size());
        pkg.put("shipping_carrier", carrier[0]);
        pkg.put("logistics_channel_id", Long.parseLong(carrier[1]));
        pkg.put("allow_self_design_awb", false);
        pkg.put("sorting_group", place[3]);
        if (paid != null) {
            o.put("pay_time", paid.getEpochSecond());
        }
        o.put("payment_method", cod ? "Cash on Delivery" : PREPAID[random.nextInt(PREPAID.length)]);
        if (status.equals("SHIPPED") || status.equals("COMPLETED")) {
            o.put("pickup_done_time", min(updated, created.plusSeconds(86_400)).getEpochSecond());
        }
        ObjectNode address = o.putObject("recipient_address");
        String name = buyer.defaultAddress != null ? buyer.defaultAddress.name() : buyer.displayName();
        String phone = buyer.phone != null ? buyer.phone : "0912345678";
        String street = (10 + random.nextInt(190)) + " Đường số " + (1 + random.nextInt(30));
        address.put("city", place[1]).put("district", place[2]).put("full_address", mask(street, 2, 0))
                .put("name", mask(name, 1, 1)).put("phone", mask(phone.replaceAll("\\D", ""), 0, 2))
                .put("region", shop.region()).put("state", place[0]).put("town", "").put("zipcode", "");
        o.put("region", shop.region());
        o.put("reverse_shipping_fee", 0);
        o.put("ship_by_date", created.plusSeconds(2 * 86_400L).getEpochSecond());
        o.put("shipping_carrier", carrier[0]);
        o.put("split_up", false);
        long shopeeVoucher = random.nextInt(4) == 0 ? 10_000 : 0;
        long coins = random.nextInt(5) == 0 ? 1_000L * (1 + random.nextInt(5)) : 0;
        long total = subtotal + shippingFee - shopeeVoucher - coins;
        o.put("total_amount", total);
        o.put("update_time", updated.getEpochSecond());
        shop.add(o, escrow(o, subtotal, shippingFee, shopeeVoucher, coins, total));
        // the masked name and phone are no evidence: the buyer id is all that ties a buyer's orders together
        truth.saw("shopee", Long.toString(shop.shopId()), "order", orderSn, SandboxPeople.person("shopify", domain, buyer.id),
                SandboxPeople.ref("shopee", Long.toString(shop.shopId()), o.get("buyer_user_id").asLong()));
    }

    /** One to three lines; now and then two models of one item, which share item_id and order_item_id. */
    private long lines(ArrayNode items) {
        int count = 1 + (random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0);
        long subtotal = 0;
        List<ProductVariant> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Product p = products.get(random.nextInt(products.size()));
            ProductVariant v = p.variants.get(random.nextInt(p.variants.size()));
            if (chosen.contains(v)) {
                continue;
            }
            chosen.add(v);
            boolean models = p.variants.size() > 1;
            long itemId = 20_000_000_000L + 7L * products.indexOf(p);
            long original = v.price.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            boolean flashSale = random.nextInt(4) == 0;
            long discounted = flashSale ? original / 1000 * 850 : original;
            int quantity = 1 + (random.nextInt(4) == 0 ? 1 : 0);
            ObjectNode item = items.addObject();
            item.put("add_on_deal", false).put("add_on_deal_id", 0);
            item.putObject("image_info").put("image_url", "https://cf.shopee.vn/file/vn-11134207-sim" + itemId + "_tn");
            item.put("is_b2c_owned_item", false).put("is_prescription_item", false);
            item.put("item_id", itemId).put("item_name", p.title).put("item_sku", models ? "" : v.sku);
            item.put("main_item", false).put("model_discounted_price", discounted);
            item.put("model_id", models ? 200_000_000_000L + v.id % 100_000_000_000L : 0);
            item.put("model_name", models ? v.title : "").put("model_original_price", original);
            item.put("model_quantity_purchased", quantity).put("model_sku", models ? v.sku : "");
            item.put("order_item_id", itemId);
            item.putArray("product_location_id").add("VN10XX2UZ");
            item.put("promotion_group_id", 0).put("promotion_id", flashSale ? 779_222_207_758_537L : 0)
                    .put("promotion_type", flashSale ? "flash_sale" : "");
            item.put("weight", 0.2).put("wholesale", false);
            subtotal += discounted * quantity;
        }
        return subtotal;
    }

    /** The seller's income for the order as get_escrow_detail_batch reports it (estimated until it completes). */
    private ObjectNode escrow(ObjectNode order, long subtotal, long shippingFee, long shopeeVoucher, long coins, long total) {
        long original = 0;
        for (var item : order.get("item_list")) {
            original += item.get("model_original_price").asLong() * item.get("model_quantity_purchased").asLong();
        }
        long commission = Math.round(subtotal * 0.04);
        long service = Math.round(subtotal * 0.03);
        long transaction = order.get("cod").asBoolean() ? 0 : Math.round(total * 0.02);
        ObjectNode detail = NODES.objectNode();
        ObjectNode escrow = detail.putObject("escrow_detail");
        ObjectNode payment = escrow.putObject("buyer_payment_info");
        payment.put("buyer_payment_method", order.get("payment_method").asText()).put("buyer_service_fee", 0)
                .put("buyer_tax_amount", 0).put("buyer_total_amount", total).put("credit_card_promotion", 0)
                .put("is_paid_by_credit_card", order.get("payment_method").asText().startsWith("Credit Card"))
                .put("merchant_subtotal", subtotal).put("seller_voucher", 0).put("shipping_fee", shippingFee)
                .put("shopee_coins_redeemed", -coins).put("shopee_voucher", -shopeeVoucher);
        escrow.put("buyer_user_name", order.get("buyer_username").asText());
        ObjectNode income = escrow.putObject("order_income");
        income.put("actual_shipping_fee", shippingFee).put("buyer_paid_shipping_fee", shippingFee)
                .put("buyer_payment_method", order.get("payment_method").asText()).put("buyer_total_amount", total)
                .put("buyer_transaction_fee", 0).put("coins", coins).put("commission_fee", commission)
                .put("cost_of_goods_sold", subtotal)
                .put("escrow_amount", subtotal - commission - service - transaction)
                .put("estimated_shipping_fee", shippingFee).put("final_shipping_fee", 0)
                .put("order_discounted_price", subtotal).put("order_original_price", original)
                .put("order_seller_discount", original - subtotal).put("order_selling_price", subtotal)
                .put("original_cost_of_goods_sold", subtotal).put("original_price", original)
                .put("seller_discount", original - subtotal).put("seller_transaction_fee", transaction)
                .put("service_fee", service).put("shopee_discount", 0).put("shopee_shipping_rebate", 0)
                .put("voucher_from_seller", 0).put("voucher_from_shopee", shopeeVoucher);
        income.putArray("seller_voucher_code");
        escrow.put("order_sn", order.get("order_sn").asText());
        escrow.putArray("return_order_sn_list");
        return detail;
    }

    private static String logistics(String status, Instant paid) {
        return switch (status) {
            case "READY_TO_SHIP" -> "LOGISTICS_READY";
            case "PROCESSED" -> "LOGISTICS_REQUEST_CREATED";
            case "SHIPPED" -> "LOGISTICS_PICKUP_DONE";
            case "COMPLETED" -> "LOGISTICS_DELIVERY_DONE";
            case "CANCELLED", "IN_CANCEL" -> paid == null ? "LOGISTICS_NOT_START" : "LOGISTICS_REQUEST_CANCELED";
            default -> "LOGISTICS_NOT_START";
        };
    }

    /** 14 characters: the day it was placed (Vietnam time, yyMMdd) and 8 random ones, as in 2404098R48U37H. */
    private String orderSn(Instant created) {
        StringBuilder sn = new StringBuilder(SN_DATE.format(created));
        while (sn.length() < 14) {
            sn.append(SN_CHARS.charAt(random.nextInt(SN_CHARS.length())));
        }
        return sn.toString();
    }

    /** A username as buyers pick them: their name without diacritics or spaces, and two digits. */
    private static String username(Customer buyer, int who) {
        String name = (buyer.lastName == null ? "" : buyer.lastName) + (buyer.firstName == null ? "" : buyer.firstName);
        String ascii = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        return (ascii.isEmpty() ? "buyer" : ascii) + String.format("%02d", who % 100);
    }

    /** Shopee's masking: {@code keepStart} and {@code keepEnd} characters shown, six asterisks between. */
    static String mask(String value, int keepStart, int keepEnd) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int[] cps = value.codePoints().toArray();
        int start = Math.min(keepStart, cps.length);
        int end = Math.min(keepEnd, cps.length - start);
        return new String(cps, 0, start) + "******" + new String(cps, cps.length - end, end);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
