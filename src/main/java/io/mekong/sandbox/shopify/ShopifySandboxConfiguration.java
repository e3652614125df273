package io.mekong.sandbox.shopify;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.WebhookSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Shopify simulator bean of the default run (only when {@code mekong.sandbox.enabled}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class ShopifySandboxConfiguration {

    /** A shop's base URL is this mount and its domain: {@code /sandbox/shopify/{shop}}. */
    public static final String MOUNT = "/sandbox/shopify";

    @Bean(destroyMethod = "close")
    WebhookSender shopifyWebhookSender() {
        return new WebhookSender(WebhookSender.RetryPlan.SHOPIFY);
    }

    @Bean
    ShopifyWebhooks shopifyWebhooks(@Qualifier("shopifyWebhookSender") WebhookSender shopifyWebhookSender) {
        return new ShopifyWebhooks(shopifyWebhookSender, ShopifyWebhooks.API_VERSION);
    }

    @Bean
    ShopifySimulator shopifySimulator(ShopifySandboxProperties properties, SandboxPeople people) {
        List<ShopifyShop> shops = new ArrayList<>();
        long seed = properties.seed();
        Set<String> takenEmails = new HashSet<>();
        for (ShopifySandboxProperties.Shop spec : properties.shopsOrDemo()) {
            FaultPlan faults = spec.faults() == null ? FaultPlan.NONE : spec.faults();
            ShopifyShop shop = new ShopifyShop(spec.settings(), Clock.systemUTC(), FaultInjector.sleeping(faults));
            ShopifySeed.populate(shop, seed, new SeedSize(spec.customers(), spec.orders(), spec.products()), takenEmails, people);
            ShopifyCheckoutSeed.populate(shop, seed++, spec.checkouts(), people);
            shop.mutateWhileSyncing(properties.mutateEveryPages());
            shops.add(shop);
        }
        return new ShopifySimulator(new ShopifyGraphQL(properties.maxQueryCost(), properties.throttledStatus()), shops);
    }
}
