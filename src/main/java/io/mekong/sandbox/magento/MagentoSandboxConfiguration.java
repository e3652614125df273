package io.mekong.sandbox.magento;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Magento simulator of the default run: store view {@code default} at {@code /sandbox/magento}, whose customers
 * are people of the first simulated Shopify shop (the same merchant sells on both), with an integration whose
 * credentials are random at each start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class MagentoSandboxConfiguration {

    public static final String MOUNT = "/sandbox/magento";
    static final int CUSTOMERS = 100;
    static final int ORDERS = 400;

    @Bean
    MagentoSimulator magentoSimulator(ShopifySimulator shopify, SandboxPeople truth) {
        // the integration's credentials are random at each start; the demo re-activates the ones it stored
        MagentoStore store = new MagentoStore("default", MagentoStore.Integration.random(), false, Clock.systemUTC());
        ShopifyShop people = shopify.shops().iterator().next();
        MagentoSeed.populate(store, people, 20251125L, CUSTOMERS, ORDERS, truth);
        return new MagentoSimulator(List.of(store), Clock.systemUTC(), MOUNT);
    }
}
