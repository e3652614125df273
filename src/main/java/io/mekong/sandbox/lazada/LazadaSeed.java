package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.PeopleTyping;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.ProductVariant;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic Lazada Vietnam orders of a merchant who also sells on Shopify: the buyers are people of the Shopify
 * seed, but as Lazada shows them to a seller (names, a marketplace buyer id, phones masked, no email), and the
 * seller SKUs are the Shopify variant SKUs: the SKU, never unmasked personal data, is what links the channels.
 * Statuses cover the order life cycle (unpaid, pending, ready_to_ship, shipped, delivered, canceled with a reason,
 * returned); some orders have several item rows (Lazada writes one row per unit), some a seller or platform voucher.
 */
public final class LazadaSeed {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CANCEL_REASONS = {"Out of Stock", "Thay đổi ý định", "Change of Delivery Address",
        "Tìm thấy giá rẻ hơn"};
    private static final String[][] PLACES = {
        {"12 Lý Thường Kiệt", "Phường Bến Nghé", "Quận 1", "Hồ Chí Minh", "700000"},
        {"5 Tràng Tiền", "Phường Tràng Tiền", "Quận Hoàn Kiếm", "Hà Nội", "100000"},
        {"88 Trần Phú", "Phường Hải Châu 1", "Quận Hải Châu", "Đà Nẵng", "550000"},
        {"27 Nguyễn Văn Cừ", "Phường An Hòa", "Quận Ninh Kiều", "Cần Thơ", "900000"}};
    private static final String[] ONLINE_PAYMENTS = {"MIXEDCARD", "PAYMENT_ACCOUNT", "MOMO_WALLET"};

    private LazadaSeed() {
    }

    /**
     * @param people where the buyers and the catalogue come from (a VND shop: its prices are the Lazada prices)
     * @param orders how many orders, created 47 minutes apart from 2025-01-01 in Vietnam
     */
    public static void populate(LazadaSeller seller, ShopifyShop people, long seed, int orders) {
        populate(seller, people, seed, orders, SandboxPeople.UNRECORDED);
    }

    /** As above, telling {@code truth} whose each order is: Lazada shows the buyer's id and name, never a key. */
    public static void populate(LazadaSeller seller, ShopifyShop people, long seed, int orders, SandboxPeople truth) {
        Random random = new Random(seed);
        List<Customer> buyers = people.read(people::shoppers).stream()
                .filter(c -> c.firstName != null || c.lastName != null).toList();
        List<Listing> catalogue = people.read(() -> people.products().stream()
                .flatMap(p -> p.variants.stream().map(v -> new Listing(v, p.title)))
                .filter(l -> l.variant().sku != null && !l.variant().sku.isBlank()).toList());
        if (buyers.isEmpty() || catalogue.isEmpty()) {
            throw new IllegalArgumentException("the Shopify seed has no named customers or no SKUs to sell on Lazada");
        }
        Instant start = Instant.parse("2024-12-31T17:00:00Z");
        for (int n = 1; n <= orders; n++) {
            int who = random.nextInt(buyers.size());
            Instant created = start.plusSeconds(47L * 60 * n);
            Customer buyer = buyers.get(who);
            long buyerId = 100_000_000L + 37L * who;
            String orderId = new OrderWriter(seller, random, n, created, buyer, buyerId, catalogue).write();
            truth.saw("lazada", seller.sellerId(), "order", orderId, SandboxPeople.person("shopify", people.domain(), buyer.id),
                    SandboxPeople.ref("lazada", seller.sellerId(), buyerId));
        }
    }

    /** A Shopify variant as the seller lists it on Lazada, under its product's title. */
    private record Listing(ProductVariant variant, String title) {
    }

    /** Writes one order and its item rows. */
    private record OrderWriter(LazadaSeller seller, Random random, int n, Instant created, Customer buyer, long buyerId,
                               List<Listing> catalogue) {

        /** @return the order's id */
        String write() {
            String orderId = Long.toString(450_000_000_000_000L + 7919L * n);
            String status = status();
            Instant updated = created.plusSeconds(status.equals("unpaid") ? 60 : 3600L * (1 + random.nextInt(72)));
            String payment = status.equals("unpaid") || random.nextInt(3) == 0
                    ? ONLINE_PAYMENTS[random.nextInt(ONLINE_PAYMENTS.length)] : "COD";
            int rows = random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(3);
            long shipping = 15_000 + 1_000L * random.nextInt(21);
            long shippingDiscount = random.nextInt(4) == 0 ? shipping : 0;
            ArrayNode items = NODES.arrayNode();
            long price = 0;
            String[] place = PLACES[random.nextInt(PLACES.length)];
            int variantIndex = random.nextInt(catalogue.size());
            for (int row = 0; row < rows; row++) {
                // a second unit of the same SKU is a row of its own, as Lazada writes it
                if (row > 0 && random.nextBoolean()) {
                    variantIndex = random.nextInt(catalogue.size());
                }
                Listing listing = catalogue.get(variantIndex);
                long unit = listing.variant().price.setScale(0, RoundingMode.HALF_UP).longValueExact();
                price += unit;
                items.add(item(orderId, row, listing.variant(), listing.title(), unit, rowStatus(status, row, rows)));
            }
            long voucherSeller = random.nextInt(5) == 0 ? price / 10 / 1_000 * 1_000 : 0;
            long voucherPlatform = random.nextInt(6) == 0 ? 20_000 : 0;
            long voucher = Math.min(price, voucherSeller + voucherPlatform);
            ObjectNode first = (ObjectNode) items.get(0);
            first.put("voucher_amount", money(voucher)).put("voucher_seller", money(voucherSeller))
                    .put("voucher_platform", money(voucherPlatform)).put("voucher_code", voucherSeller > 0 ? "GIAM10" : "")
                    .put("shipping_amount", money(shipping - shippingDiscount)).put("shipping_service_cost", money(shipping));
            for (var item : items) {
                ObjectNode row = (ObjectNode) item;
                row.put("paid_price", money(new BigDecimal(row.get("item_price").asText()).longValue()
                        - new BigDecimal(row.get("voucher_amount").asText()).longValue()));
                row.put("created_at", LazadaSeller.TIME.format(created)).put("updated_at", LazadaSeller.TIME.format(updated));
            }
            ObjectNode order = order(orderId, price, shipping, shippingDiscount, voucher, voucherSeller, voucherPlatform,
                    payment, rows, place, updated);
            Set<String> statuses = new LinkedHashSet<>();
            items.forEach(i -> statuses.add(i.get("status").asText()));
            ArrayNode list = order.putArray("statuses");
            statuses.forEach(list::add);
            seller.add(order, items);
            return orderId;
        }

        private String status() {
            int roll = random.nextInt(100);
            return roll < 8 ? "unpaid" : roll < 22 ? "pending" : roll < 32 ? "ready_to_ship" : roll < 46 ? "shipped"
                    : roll < 82 ? "delivered" : roll < 93 ? "canceled" : "returned";
        }

        /** A returned order had one unit sent back; the others were kept. */
        private static String rowStatus(String status, int row, int rows) {
            return status.equals("returned") && row > 0 && row == rows - 1 ? "delivered" : status;
        }

        private ObjectNode item(String orderId, int row, ProductVariant variant, String title, long unit, String status) {
            ObjectNode item = NODES.objectNode();
            boolean sent = status.equals("shipped") || status.equals("delivered") || status.equals("returned");
            item.put("order_item_id", Long.toString(Long.parseLong(orderId) + 1_000_000L * (row + 1)))
                    .put("order_id", orderId).put("order_type", "Normal").put("shop_id", "Mekong Demo Official Store")
                    .put("name", title).put("sku", variant.sku).put("shop_sku", (2_100_000_000L + variant.id) + "_VNAMZ-"
                            + (9_000_000_000L + variant.id)).put("sku_id", Long.toString(9_000_000_000L + variant.id))
                    .put("variation", variant.title == null || variant.title.equals("Default Title") ? "" : variant.title)
                    .put("currency", "VND").put("item_price", money(unit)).put("paid_price", money(unit))
                    .put("tax_amount", "0.00").put("voucher_amount", "0.00").put("voucher_seller", "0.00")
                    .put("voucher_platform", "0.00").put("voucher_code", "").put("shipping_amount", "0.00")
                    .put("shipping_service_cost", "0.00").put("wallet_credits", "0.00").put("status", status)
                    .put("reason", status.equals("canceled") ? CANCEL_REASONS[random.nextInt(CANCEL_REASONS.length)]
                            : status.equals("returned") ? "Sản phẩm bị lỗi" : "")
                    .put("reason_detail", "")
                    .put("cancel_return_initiator", status.equals("canceled") ? "buyer-cancel" : status.equals("returned") ? "buyer-return" : "")
                    .put("return_status", status.equals("returned") ? "Refund_Success" : "")
                    .put("tracking_code", sent ? "LEXVN" + (1_000_000_000L + Long.parseLong(orderId) % 1_000_000_000L) : "")
                    .put("tracking_code_pre", "").put("shipment_provider", sent ? "LEX VN" : "")
                    .put("package_id", sent ? "FP" + orderId.substring(3) : "").put("is_digital", "0")
                    .put("digital_delivery_info", "").put("shipping_type", "Dropshipping").put("warehouse_code", "dropshipping")
                    .put("promised_shipping_time", "").put("sla_time_stamp", "").put("purchase_order_id", "")
                    .put("purchase_order_number", "").put("invoice_number", "").put("stage_pay_status", "")
                    .put("is_fbl", "0").put("is_reroute", "0").put("delivery_option_sof", "0")
                    .put("priority_fulfillment_tag", "").put("need_cancel_confirm", "false").put("is_cancel_pending", "false")
                    .put("buyer_id", Long.toString(buyerId)).put("extra_attributes", "null")
                    .put("product_main_image", "https://vn-live.slatic.net/p/" + variant.sku.toLowerCase() + ".jpg")
                    .put("product_detail_url", "https://www.lazada.vn/products/i" + (2_100_000_000L + variant.id) + ".html");
            return item;
        }

        private ObjectNode order(String orderId, long price, long shipping, long shippingDiscount, long voucher,
                                 long voucherSeller, long voucherPlatform, String payment, int rows, String[] place,
                                 Instant updated) {
            ObjectNode o = NODES.objectNode();
            o.put("order_id", orderId).put("order_number", orderId)
                    .put("created_at", LazadaSeller.TIME.format(created)).put("updated_at", LazadaSeller.TIME.format(updated))
                    .put("price", money(price)).put("shipping_fee", money(shipping - shippingDiscount))
                    .put("shipping_fee_original", money(shipping)).put("shipping_fee_discount_seller", "0.00")
                    .put("shipping_fee_discount_platform", money(shippingDiscount))
                    .put("voucher", money(voucher)).put("voucher_seller", money(voucherSeller))
                    .put("voucher_platform", money(voucherPlatform)).put("voucher_code", voucherSeller > 0 ? "GIAM10" : "")
                    .put("payment_method", payment).put("items_count", Integer.toString(rows))
                    .put("customer_first_name", firstName()).put("customer_last_name", lastName())
                    .put("warehouse_code", "dropshipping").put("gift_option", "false").put("gift_message", "")
                    .put("buyer_note", random.nextInt(8) == 0 ? "Giao giờ hành chính" : "")
                    .put("remarks", "").put("delivery_info", "").put("promised_shipping_times", "")
                    .put("national_registration_number", "").put("tax_code", "").put("branch_number", "")
                    .put("is_cancel_pending", "false").put("need_cancel_confirm", "false")
                    .put("address_updated_at", "null").put("extra_attributes", "null");
            o.putObject("recipient_info").put("identify_no", "").put("detail_address", "").put("passport_no", "");
            o.set("address_billing", address(place));
            o.set("address_shipping", address(place));
            return o;
        }

        private ObjectNode address(String[] place) {
            String masked = LazadaPhones.mask(buyer.phone == null ? "09" + (10_000_000 + buyerId % 90_000_000) : buyer.phone);
            ObjectNode a = NODES.objectNode();
            a.put("first_name", firstName()).put("last_name", lastName())
                    .put("phone", masked).put("phone2", "").put("address1", place[0]).put("address2", "")
                    .put("address3", place[3]).put("address4", place[2]).put("address5", place[1])
                    .put("addressDsitrict", place[2]).put("city", place[2]).put("post_code", place[4]).put("country", "Vietnam");
            return a;
        }

        /** The name as the buyer typed it in the Lazada app: every third without its diacritics. */
        private String firstName() {
            return typed(buyer.firstName);
        }

        private String lastName() {
            return typed(buyer.lastName);
        }

        private String typed(String name) {
            return name == null ? "" : buyerId % 3 == 1 ? PeopleTyping.withoutDiacritics(name) : name;
        }
    }

    /** Lazada writes money with two decimals, in VND too. */
    static String money(long dong) {
        return BigDecimal.valueOf(dong).setScale(2).toPlainString();
    }
}
