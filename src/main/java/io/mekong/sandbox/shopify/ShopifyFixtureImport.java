package io.mekong.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads Shopify REST Admin objects (the public sample payloads: customer.json, product.json, order.json,
 * orders.json, refund.json) into a shop, so the GraphQL answers can be checked against Shopify's own data.
 * Files describing the same order are merged, later ones winning (orders.json is a later state of order.json).
 */
public final class ShopifyFixtureImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyFixtureImport() {
    }

    public static void importInto(ShopifyShop shop, Path dir) {
        for (JsonNode c : list(dir, "customer.json", "customer", "customers")) {
            shop.add(customer(c));
        }
        for (JsonNode p : list(dir, "product.json", "product", "products")) {
            shop.add(product(p));
        }
        Map<Long, ObjectNode> orders = new LinkedHashMap<>();
        for (String file : List.of("order.json", "orders.json")) {
            for (JsonNode o : list(dir, file, "order", "orders")) {
                orders.computeIfAbsent(o.get("id").asLong(), id -> JSON.createObjectNode()).setAll((ObjectNode) o);
            }
        }
        Map<Long, List<JsonNode>> refunds = new HashMap<>();
        for (JsonNode r : list(dir, "refund.json", "refund", "refunds")) {
            refunds.computeIfAbsent(r.get("order_id").asLong(), id -> new ArrayList<>()).add(r);
        }
        orders.values().forEach(o -> shop.add(order(o, refunds.getOrDefault(o.get("id").asLong(), List.of()))));
    }

    private static Customer customer(JsonNode c) {
        Customer customer = new Customer(c.get("id").asLong(), time(c, "created_at"));
        customer.updatedAt = time(c, "updated_at");
        customer.firstName = text(c, "first_name");
        customer.lastName = text(c, "last_name");
        customer.email = text(c, "email");
        customer.phone = text(c, "phone");
        customer.verifiedEmail = c.path("verified_email").asBoolean();
        customer.state = c.path("state").asText("disabled").toUpperCase(Locale.ROOT);
        customer.note = text(c, "note");
        customer.tags = tags(c);
        customer.taxExempt = c.path("tax_exempt").asBoolean();
        customer.defaultAddress = c.hasNonNull("default_address") ? address(c.get("default_address")) : null;
        List<MailingAddress> addresses = new ArrayList<>();
        c.path("addresses").forEach(a -> addresses.add(address(a)));
        customer.addresses = addresses;
        return customer;
    }

    private static Product product(JsonNode p) {
        Product product = new Product(p.get("id").asLong(), time(p, "created_at"));
        product.updatedAt = time(p, "updated_at");
        product.title = text(p, "title");
        product.handle = text(p, "handle");
        product.vendor = p.path("vendor").asText("");
        product.productType = p.path("product_type").asText("");
        product.status = p.path("status").asText("active").toUpperCase(Locale.ROOT);
        product.tags = tags(p);
        product.descriptionHtml = p.path("body_html").asText("");
        for (JsonNode v : p.path("variants")) {
            ProductVariant variant = new ProductVariant(v.get("id").asLong(), product.id, time(v, "created_at"));
            variant.updatedAt = time(v, "updated_at");
            variant.title = text(v, "title");
            variant.sku = text(v, "sku");
            variant.barcode = text(v, "barcode");
            variant.price = new BigDecimal(v.get("price").asText());
            variant.compareAtPrice = v.hasNonNull("compare_at_price") ? new BigDecimal(v.get("compare_at_price").asText()) : null;
            variant.inventoryQuantity = v.hasNonNull("inventory_quantity") ? v.get("inventory_quantity").asInt() : null;
            variant.taxable = v.path("taxable").asBoolean(true);
            product.variants.add(variant);
        }
        return product;
    }

    private static Order order(JsonNode o, List<JsonNode> refunds) {
        String currency = o.get("currency").asText();
        String presentment = o.path("presentment_currency").asText(currency);
        Order order = new Order(o.get("id").asLong(), o.get("order_number").asLong(), time(o, "created_at"), currency,
                presentment);
        order.updatedAt = time(o, "updated_at");
        order.processedAt = time(o, "processed_at");
        order.closedAt = time(o, "closed_at");
        order.cancelledAt = time(o, "cancelled_at");
        order.cancelReason = upper(text(o, "cancel_reason"));
        order.email = text(o, "email");
        order.phone = text(o, "phone");
        order.test = o.path("test").asBoolean();
        order.displayFinancialStatus = upper(text(o, "financial_status"));
        String fulfillment = text(o, "fulfillment_status");
        order.displayFulfillmentStatus = fulfillment == null ? "UNFULFILLED"
                : fulfillment.equals("partial") ? "PARTIALLY_FULFILLED" : fulfillment.toUpperCase(Locale.ROOT);
        order.sourceName = text(o, "source_name");
        order.tags = tags(o);
        order.note = text(o, "note");
        List<Attribute> attributes = new ArrayList<>();
        o.path("note_attributes").forEach(a -> attributes.add(new Attribute(text(a, "name"), text(a, "value"))));
        order.customAttributes = List.copyOf(attributes);
        order.customerLocale = text(o, "customer_locale");
        order.customerId = o.hasNonNull("customer") ? o.get("customer").get("id").asLong() : null;
        order.billingAddress = o.hasNonNull("billing_address") ? address(o.get("billing_address")) : null;
        order.shippingAddress = o.hasNonNull("shipping_address") ? address(o.get("shipping_address")) : null;
        order.subtotalPriceSet = money(o, "subtotal_price", currency);
        order.totalDiscountsSet = money(o, "total_discounts", currency);
        order.totalShippingPriceSet = money(o, "total_shipping_price", currency);
        order.totalTaxSet = money(o, "total_tax", currency);
        order.totalPriceSet = money(o, "total_price", currency);
        Map<Long, LineItem> lines = new LinkedHashMap<>();
        o.path("line_items").forEach(l -> lines.put(l.get("id").asLong(), lineItem(l, currency)));
        for (JsonNode r : refunds) {
            r.path("refund_line_items").forEach(rl -> lines.putIfAbsent(rl.get("line_item_id").asLong(),
                    lineItem(rl.get("line_item"), currency)));
        }
        order.lineItems.addAll(lines.values());
        o.path("transactions").forEach(t -> order.transactions.add(transaction(t, currency)));
        for (JsonNode r : refunds) {
            List<RefundLineItem> refundLines = new ArrayList<>();
            r.path("refund_line_items").forEach(rl -> refundLines.add(new RefundLineItem(rl.get("id").asLong(),
                    lines.get(rl.get("line_item_id").asLong()), rl.get("quantity").asInt(),
                    rl.path("restock_type").asText(r.path("restock").asBoolean() ? "legacy_restock" : "no_restock")
                            .toUpperCase(Locale.ROOT),
                    subtotal(rl, lines.get(rl.get("line_item_id").asLong()), currency))));
            List<OrderTransaction> transactions = new ArrayList<>();
            r.path("transactions").forEach(t -> transactions.add(transaction(t, currency)));
            order.refunds.add(Refund.of(r.get("id").asLong(), time(r, "created_at"), text(r, "note"), refundLines,
                    transactions, order.totalPriceSet.zero()));
        }
        return order;
    }

    private static LineItem lineItem(JsonNode l, String currency) {
        int quantity = l.get("quantity").asInt();
        return new LineItem(l.get("id").asLong(), text(l, "title"), text(l, "variant_title"), text(l, "sku"), quantity,
                l.path("current_quantity").asInt(quantity), l.hasNonNull("product_id") ? l.get("product_id").asLong() : null,
                l.hasNonNull("variant_id") ? l.get("variant_id").asLong() : null,
                MoneyBag.single(new BigDecimal(l.get("price").asText()), currency),
                MoneyBag.single(new BigDecimal(l.path("total_discount").asText("0")), currency),
                l.path("taxable").asBoolean(true), l.path("requires_shipping").asBoolean(true));
    }

    private static MoneyBag subtotal(JsonNode refundLine, LineItem line, String currency) {
        if (refundLine.hasNonNull("subtotal")) {
            return MoneyBag.single(new BigDecimal(refundLine.get("subtotal").asText()), currency);
        }
        return MoneyBag.single(line.discountedUnitPriceSet().shopMoney().amount()
                .multiply(BigDecimal.valueOf(refundLine.get("quantity").asInt())), currency);
    }

    private static OrderTransaction transaction(JsonNode t, String currency) {
        return new OrderTransaction(t.get("id").asLong(), t.get("kind").asText().toUpperCase(Locale.ROOT),
                t.get("status").asText().toUpperCase(Locale.ROOT), text(t, "gateway"),
                MoneyBag.single(new BigDecimal(t.get("amount").asText()), t.path("currency").asText(currency)),
                time(t, "created_at"), t.hasNonNull("processed_at") ? time(t, "processed_at") : time(t, "created_at"),
                t.path("test").asBoolean(), null);
    }

    /** A REST {@code x} with its {@code x_set} twin when present. */
    private static MoneyBag money(JsonNode o, String field, String currency) {
        JsonNode set = o.path(field + "_set");
        if (set.isObject()) {
            return new MoneyBag(moneyV2(set.get("shop_money")), moneyV2(set.get("presentment_money")));
        }
        return MoneyBag.single(new BigDecimal(o.path(field).asText("0")), currency);
    }

    private static MoneyV2 moneyV2(JsonNode money) {
        return MoneyV2.of(new BigDecimal(money.get("amount").asText()), money.get("currency_code").asText());
    }

    private static MailingAddress address(JsonNode a) {
        return new MailingAddress(a.path("id").asLong(0), text(a, "first_name"), text(a, "last_name"), text(a, "company"),
                text(a, "address1"), text(a, "address2"), text(a, "city"), text(a, "province"), text(a, "province_code"),
                text(a, "country"), text(a, "country_code"), text(a, "zip"), text(a, "phone"));
    }

    private static List<String> tags(JsonNode node) {
        String tags = node.path("tags").asText("");
        return tags.isBlank() ? List.of() : Arrays.stream(tags.split(",")).map(String::trim).toList();
    }

    private static OffsetDateTime time(JsonNode node, String field) {
        return node.hasNonNull(field) ? OffsetDateTime.parse(node.get(field).asText()) : null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    private static List<JsonNode> list(Path dir, String file, String single, String plural) {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(path.toFile());
            List<JsonNode> items = new ArrayList<>();
            if (root.has(single)) {
                items.add(root.get(single));
            }
            root.path(plural).forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }
}
