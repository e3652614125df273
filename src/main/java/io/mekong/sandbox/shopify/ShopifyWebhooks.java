package io.mekong.sandbox.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.VendorHmac;
import io.mekong.sandbox.WebhookEndpoints;
import io.mekong.sandbox.WebhookSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The webhook subscriptions of simulated shops, as an app registers them ({@code webhookSubscriptionCreate}): each
 * merchant change is POSTed to the subscribed address the way Shopify does it, with a REST-shaped body (the REST
 * resource's main fields), the {@code X-Shopify-*} headers and the HMAC of the app's client secret, and retried as
 * Shopify retries ({@link WebhookSender}).
 */
public final class ShopifyWebhooks {

    /** The topics the simulated shops announce (what their merchant changes are). */
    public static final Set<String> ANNOUNCED = Set.of("orders/updated", "orders/cancelled", "orders/delete",
            "refunds/create", "customers/update", "products/update");
    public static final String API_VERSION = "2025-10";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final WebhookSender sender;
    private final String apiVersion;
    private final WebhookEndpoints<ShopifyShop> endpoints = new WebhookEndpoints<>();

    public ShopifyWebhooks(WebhookSender sender, String apiVersion) {
        this.sender = sender;
        this.apiVersion = apiVersion;
    }

    /** Sends the shop's changes of these topics to {@code address}, signed with the app's {@code clientSecret}. */
    public void subscribe(ShopifyShop shop, URI address, String clientSecret, Set<String> topics) {
        endpoints.add(shop, address, clientSecret);
        shop.onChange(change -> {
            if (topics.contains(change.topic())) {
                byte[] body = shop.read(() -> body(change)).getBytes(StandardCharsets.UTF_8);
                sender.send(WebhookSender.Delivery.of(address, body, headers(shop, change, body, clientSecret)));
            }
        });
    }

    /** The shop's subscriptions, as the app's settings show them. */
    public List<WebhookEndpoints.Endpoint> endpoints(ShopifyShop shop) {
        return endpoints.of(shop);
    }

    private Map<String, String> headers(ShopifyShop shop, ShopifyShop.Change change, byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", change.topic());
        headers.put("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(VendorHmac.sha256(secret, body)));
        headers.put("X-Shopify-Shop-Domain", shop.domain());
        headers.put("X-Shopify-API-Version", apiVersion);
        // the same on every retry of this delivery, as Shopify sends them
        headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Triggered-At", change.at() == null ? "" : change.at().toInstant().toString());
        return headers;
    }

    private static String body(ShopifyShop.Change change) {
        if (change.topic().endsWith("/delete")) {
            // a deletion names the record only
            return JSON.createObjectNode().put("id", change.row().id()).toString();
        }
        if (change.detail() instanceof Refund refund) {
            ObjectNode r = JSON.createObjectNode().put("id", refund.id())
                    .put("admin_graphql_api_id", "gid://shopify/Refund/" + refund.id())
                    .put("order_id", change.row().id()).put("created_at", time(refund.createdAt())).put("note", refund.note());
            return r.toString();
        }
        if (change.row() instanceof Order o) {
            return order(o).toString();
        }
        if (change.row() instanceof Customer c) {
            return customer(c).toString();
        }
        if (change.row() instanceof Product p) {
            return product(p).toString();
        }
        throw new IllegalArgumentException("no webhook body for " + change.row().getClass().getSimpleName());
    }

    private static ObjectNode order(Order o) {
        ObjectNode n = resource("Order", o.id).put("name", o.name()).put("order_number", o.number)
                .put("email", o.email).put("phone", o.phone).put("created_at", time(o.createdAt))
                .put("updated_at", time(o.updatedAt)).put("processed_at", time(o.processedAt))
                .put("cancelled_at", time(o.cancelledAt)).put("cancel_reason", lower(o.cancelReason))
                .put("closed_at", time(o.closedAt)).put("currency", o.currencyCode)
                .put("presentment_currency", o.presentmentCurrencyCode)
                .put("subtotal_price", o.subtotalPriceSet.shopMoney().amount().toPlainString())
                .put("total_price", o.totalPriceSet.shopMoney().amount().toPlainString())
                .put("financial_status", lower(o.displayFinancialStatus))
                .put("fulfillment_status", "UNFULFILLED".equals(o.displayFulfillmentStatus) ? null : lower(o.displayFulfillmentStatus))
                .put("tags", String.join(", ", o.tags)).put("note", o.note).put("test", o.test)
                .put("source_name", o.sourceName);
        ArrayNode noteAttributes = n.putArray("note_attributes");
        o.customAttributes.forEach(a -> noteAttributes.addObject().put("name", a.key()).put("value", a.value()));
        if (o.customerId != null) {
            n.set("customer", resource("Customer", o.customerId).put("email", o.email));
        } else {
            n.putNull("customer");
        }
        ArrayNode lines = n.putArray("line_items");
        o.lineItems.forEach(l -> lines.add(resource("LineItem", l.id()).put("title", l.title()).put("sku", l.sku())
                .put("quantity", l.quantity()).put("price", l.originalUnitPriceSet().shopMoney().amount().toPlainString())
                .put("variant_id", l.variantId()).put("product_id", l.productId())));
        return n;
    }

    private static ObjectNode customer(Customer c) {
        return resource("Customer", c.id).put("email", c.email).put("first_name", c.firstName).put("last_name", c.lastName)
                .put("phone", c.phone).put("state", lower(c.state)).put("tags", String.join(", ", c.tags))
                .put("note", c.note).put("created_at", time(c.createdAt)).put("updated_at", time(c.updatedAt));
    }

    private static ObjectNode product(Product p) {
        ObjectNode n = resource("Product", p.id).put("title", p.title).put("handle", p.handle).put("vendor", p.vendor)
                .put("product_type", p.productType).put("status", lower(p.status)).put("tags", String.join(", ", p.tags))
                .put("created_at", time(p.createdAt)).put("updated_at", time(p.updatedAt));
        ArrayNode variants = n.putArray("variants");
        p.variants.forEach(v -> variants.add(resource("ProductVariant", v.id).put("product_id", p.id).put("sku", v.sku)
                .put("inventory_quantity", v.inventoryQuantity)));
        return n;
    }

    private static ObjectNode resource(String type, long id) {
        return JSON.createObjectNode().put("id", id).put("admin_graphql_api_id", "gid://shopify/" + type + "/" + id);
    }

    private static String time(OffsetDateTime at) {
        return at == null ? null : REST_TIME.format(at);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
