package io.mekong.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.haravan.HaravanSandboxConfiguration;
import io.mekong.sandbox.haravan.HaravanShop;
import io.mekong.sandbox.haravan.HaravanSimulator;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.lazada.LazadaSeller;
import io.mekong.sandbox.lazada.LazadaSimulator;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeShop;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.LineItem;
import io.mekong.sandbox.shopify.Order;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.woocommerce.WooCommerceSimulator;
import io.mekong.sandbox.woocommerce.WooStore;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A merchant at work in the demo's simulated systems: every {@code mekong.demo.activity-every} one change in each
 * Shopify shop (in turn an order tagged, a customer's note edited, a line refunded, an order cancelled, a cancelled
 * order deleted, an order's note edited) and one in one other system (a Stripe customer edited, a Shopee order moved
 * on, a Lazada order cancelled, a WooCommerce order completed or given a note, a Haravan order tagged or cancelled).
 * Each reaches the hub by the system's own webhook within a second and is found again, unchanged, by the
 * next scheduled sync; a deleted order becomes a tombstone.
 */
@Component
@ConditionalOnSandbox
@ConditionalOnProperty(name = "mekong.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoActivity {

    private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);
    /** Where a Shopee order goes next, as its shop ships it. */
    private static final Map<String, String> SHOPEE_NEXT = Map.of("UNPAID", "READY_TO_SHIP", "READY_TO_SHIP", "PROCESSED",
            "PROCESSED", "SHIPPED", "SHIPPED", "COMPLETED");

    private static final java.util.Set<String> CANCELLABLE = java.util.Set.of("unpaid", "pending", "ready_to_ship");

    private final ShopifySimulator shopify;
    private final StripeSimulator stripe;
    private final ShopeeSimulator shopee;
    private final LazadaSimulator lazada;
    private final WooCommerceSimulator woo;
    private final HaravanSimulator haravan;
    private long step;

    DemoActivity(ShopifySimulator shopify, StripeSimulator stripe, ShopeeSimulator shopee, LazadaSimulator lazada,
                 WooCommerceSimulator woo, HaravanSimulator haravan) {
        this.shopify = shopify;
        this.stripe = stripe;
        this.shopee = shopee;
        this.lazada = lazada;
        this.woo = woo;
        this.haravan = haravan;
    }

    @Scheduled(fixedDelayString = "${mekong.demo.activity-every:PT30S}", initialDelayString = "${mekong.demo.activity-every:PT30S}")
    void act() {
        long n = step++;
        shopify.shops().forEach(shop -> shopifyChange(shop, n));
        switch ((int) (n % 5)) {
            case 0 -> stripe.accounts().forEach(account -> stripeChange(account, n));
            case 1 -> shopeeChange(shopee.shop(ShopeeSandboxConfiguration.SHOP_ID), n);
            case 2 -> lazadaChange(lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID), n);
            case 3 -> wooChange(woo.store(), n);
            default -> haravanChange(haravan.shop(HaravanSandboxConfiguration.DEMO_ORG_ID), n);
        }
        log.debug("Demo activity {}", n);
    }

    private static void shopifyChange(ShopifyShop shop, long n) {
        List<Order> open = shop.read(() -> shop.orders().stream().filter(Order::isOpen).toList());
        if (open.isEmpty()) {
            return;
        }
        Order order = open.get((int) (n * 7 % open.size()));
        switch ((int) (n % 6)) {
            case 0 -> shop.addOrderTag(order.id, "demo-" + n);
            case 1 -> shop.read(() -> shop.customers().stream().skip(n % Math.max(1, shop.customerCount())).findFirst())
                    .map(Customer::id)
                    .ifPresent(id -> shop.updateCustomer(id, c -> c.note = "Gọi trước khi giao (" + n + ")"));
            case 2 -> shop.read(() -> order.lineItems.stream().filter(l -> l.currentQuantity() > 0).findFirst())
                    .map(LineItem::id)
                    .ifPresent(line -> shop.refundLineItem(order.id, line, 1, "Khách đổi ý"));
            case 3 -> shop.cancelOrder(order.id, "CUSTOMER");
            // Shopify lets a merchant delete a cancelled order
            case 4 -> shop.read(() -> shop.orders().stream().filter(o -> o.cancelledAt != null).findFirst())
                    .ifPresent(cancelled -> shop.deleteOrder(cancelled.id));
            // as the admin's note box (orderUpdate) does
            case 5 -> shop.editOrderNote(order.id, "Giao trước 17h (" + n + ")");
        }
    }

    private static void stripeChange(StripeAccount account, long n) {
        List<ObjectNode> customers = account.snapshot("customer");
        if (!customers.isEmpty()) {
            String id = customers.get((int) (n % customers.size())).get("id").asText();
            account.updateCustomer(id, c -> c.put("description", "Khách thân thiết (" + n + ")"));
        }
    }

    private static void shopeeChange(ShopeeShop shop, long n) {
        shop.orders().stream().filter(o -> SHOPEE_NEXT.containsKey(o.get("order_status").asText()))
                .skip(n % 5).findFirst()
                .ifPresent(o -> shop.updateOrder(o.get("order_sn").asText(),
                        order -> order.put("order_status", SHOPEE_NEXT.get(order.get("order_status").asText()))));
    }

    /** The shop completes an order it was processing, or writes a note on one (both are order.updated). */
    private static void wooChange(WooStore store, long n) {
        List<ObjectNode> processing = store.orders().stream().filter(o -> o.get("status").asText().equals("processing")).toList();
        if (processing.isEmpty()) {
            return;
        }
        long id = processing.get((int) (n % processing.size())).get("id").asLong();
        if (n / 5 % 2 == 0) {
            store.updateOrder(id, order -> order.put("status", "completed"));
        } else {
            store.addOrderNote(id, "Đã gọi khách xác nhận địa chỉ (" + n + ")", false);
        }
    }

    /** The merchant tags an open order, or cancels it at the buyer's request. */
    private static void haravanChange(HaravanShop shop, long n) {
        List<ObjectNode> open = shop.orders().stream()
                .filter(o -> o.get("cancelled_status").asText().equals("uncancelled")
                        && o.get("closed_status").asText().equals("unclosed")).toList();
        if (open.isEmpty()) {
            return;
        }
        long id = open.get((int) (n % open.size())).get("id").asLong();
        if (n / 5 % 2 == 0) {
            shop.updateOrder(id, "orders/updated", order -> order.put("tags", "demo-" + n));
        } else {
            shop.cancelOrder(id, "customer");
        }
    }

    /** A buyer cancels an order not yet shipped. */
    private static void lazadaChange(LazadaSeller seller, long n) {
        seller.orderIds().stream()
                .filter(id -> seller.items(id).map(rows -> CANCELLABLE.contains(rows.path(0).path("status").asText())).orElse(false))
                .skip(n % 5).findFirst()
                .ifPresent(id -> seller.cancel(id, "Khách đổi ý"));
    }
}
