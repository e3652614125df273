package io.mekong.sandbox.woocommerce;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.WebhookSender;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The WooCommerce simulator of the default run at {@code /sandbox/woocommerce}: one WordPress shop in Hồ Chí Minh
 * City's time zone selling in VND, whose customers are people of the first simulated Shopify shop, with a demo REST
 * API key (read) and webhooks.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class WooCommerceSandboxConfiguration {

    public static final String MOUNT = "/sandbox/woocommerce";
    static final int CUSTOMERS = 80;
    static final int ORDERS = 300;

    @Bean(destroyMethod = "close")
    WebhookSender wooWebhookSender() {
        return new WebhookSender(WooWebhooks.RETRIES);
    }

    @Bean
    WooWebhooks wooWebhooks(@Qualifier("wooWebhookSender") WebhookSender sender) {
        return new WooWebhooks(sender);
    }

    @Bean
    WooCommerceSimulator wooCommerceSimulator(ShopifySimulator shopify, SandboxPeople truth) {
        WooStore store = new WooStore("https://shop.mekong-demo.vn", ZoneId.of("Asia/Ho_Chi_Minh"), "VND",
                // a random key until someone issues one (the demo, a test): nothing in the code opens the store
                List.of(new WooStore.ApiKey(SandboxSecrets.random("ck_"), SandboxSecrets.random("cs_"), "read")),
                Clock.systemUTC(), FaultPlan.NONE);
        WooSeed.populate(store, shopify.shops().iterator().next(), 20251207L, CUSTOMERS, ORDERS,
                Instant.parse("2025-06-01T00:00:00Z"), truth);
        return new WooCommerceSimulator(store, MOUNT);
    }
}
