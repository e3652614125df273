package io.mekong.demo;

import io.mekong.sandbox.shopify.Customer;
import io.mekong.sandbox.shopify.LineItem;
import io.mekong.sandbox.shopify.Order;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A merchant at work in the demo's simulated shops: every {@code mekong.demo.activity-every} one change, in turn an
 * order tagged, a customer's note edited, a line refunded, an order cancelled. Each reaches the hub by the shop's
 * webhook within a second and is found again, unchanged, by the next scheduled sync.
 */
@Component
@ConditionalOnProperty(name = {"mekong.sandbox.enabled", "mekong.demo.enabled"}, havingValue = "true", matchIfMissing = true)
class DemoActivity {

    private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

    private final ShopifySimulator shopify;
    private long step;

    DemoActivity(ShopifySimulator shopify) {
        this.shopify = shopify;
    }

    @Scheduled(fixedDelayString = "${mekong.demo.activity-every:PT30S}", initialDelayString = "${mekong.demo.activity-every:PT30S}")
    void act() {
        long n = step++;
        for (ShopifyShop shop : shopify.shops()) {
            List<Order> open = shop.read(() -> shop.orders().stream().filter(Order::isOpen).toList());
            if (open.isEmpty()) {
                continue;
            }
            Order order = open.get((int) (n * 7 % open.size()));
            switch ((int) (n % 4)) {
                case 0 -> shop.addOrderTag(order.id, "demo-" + n);
                case 1 -> shop.read(() -> shop.customers().stream().skip(n % Math.max(1, shop.customerCount())).findFirst())
                        .map(Customer::id)
                        .ifPresent(id -> shop.updateCustomer(id, c -> c.note = "Gọi trước khi giao (" + n + ")"));
                case 2 -> shop.read(() -> order.lineItems.stream().filter(l -> l.currentQuantity() > 0).findFirst())
                        .map(LineItem::id)
                        .ifPresent(line -> shop.refundLineItem(order.id, line, 1, "Khách đổi ý"));
                default -> shop.cancelOrder(order.id, "CUSTOMER");
            }
            log.debug("Demo activity {} in {}", n, shop.domain());
        }
    }
}
