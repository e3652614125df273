package io.mekong.sandbox.shopee;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.WebhookSender;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Shopee simulator of the default run at {@code /sandbox/shopee}: one partner app and one Vietnamese shop whose
 * buyers and products are those of the first simulated Shopify shop (the same merchant sells on both). Its orders
 * lie in the 90 days before the day the hub started, so that a first sync (which reads a year back) finds them all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class ShopeeSandboxConfiguration {

    public static final String MOUNT = "/sandbox/shopee";
    /** The demo partner app and shop (ids, not secrets); the partner key and the shop's tokens are random at each start. */
    public static final long PARTNER_ID = 2_001_887L;
    public static final long SHOP_ID = 600_001L;
    static final int ORDERS = 300;

    @Bean(destroyMethod = "close")
    WebhookSender shopeePushSender() {
        return new WebhookSender(WebhookSender.RetryPlan.SHOPEE);
    }

    @Bean
    ShopeePush shopeePush(@Qualifier("shopeePushSender") WebhookSender sender) {
        return new ShopeePush(sender, Clock.systemUTC());
    }

    @Bean
    ShopeeSimulator shopeeSimulator(ShopifySimulator shopify, SandboxPeople truth) {
        Clock clock = Clock.systemUTC();
        ShopeeShop shop = new ShopeeShop(SHOP_ID, "VN", "VND", SandboxSecrets.random(""), SandboxSecrets.random(""),
                ShopeeShop.Budget.DEFAULT, clock);
        ShopifyShop people = shopify.shops().iterator().next();
        ShopeeSeed.populate(shop, people, 20251206L, ORDERS, Instant.now(clock).truncatedTo(ChronoUnit.DAYS), Duration.ofDays(90), truth);
        return new ShopeeSimulator(new ShopeeSimulator.Partner(PARTNER_ID, SandboxSecrets.random("")), List.of(shop), clock);
    }
}
