package io.mekong.sandbox.lazada;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.WebhookSender;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Lazada simulator of the default run at {@code /sandbox/lazada}: one Vietnamese seller (site {@code lazada_vn})
 * who authorised the demo app, selling the simulated VND Shopify shop's products to its people. The API gateway is
 * {@code /sandbox/lazada/rest}, the auth host {@code /sandbox/lazada/auth/rest}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class LazadaSandboxConfiguration {

    public static final String MOUNT = "/sandbox/lazada";
    public static final String GATEWAY = MOUNT + "/rest";
    public static final String AUTH_HOST = MOUNT + "/auth/rest";
    /** The demo app's key (an id, not a secret); its secret and the seller's tokens are random at each start. */
    public static final String DEMO_APP_KEY = "100001";
    public static final String DEMO_SELLER_ID = "200016789";
    static final int ORDERS = 300;
    private static final Logger log = LoggerFactory.getLogger(LazadaSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    WebhookSender lazadaPushWebhookSender() {
        return new WebhookSender(WebhookSender.RetryPlan.LAZADA);
    }

    /** The demo app's pushes: none until a callback URL is subscribed. */
    @Bean
    LazadaPushSender lazadaPushSender(@Qualifier("lazadaPushWebhookSender") WebhookSender sender) {
        return new LazadaPushSender(sender, Clock.systemUTC());
    }

    @Bean
    LazadaSimulator lazadaSimulator(ShopifySimulator shopify, LazadaPushSender pushes, SandboxPeople truth) {
        LazadaSeller seller = new LazadaSeller(LazadaSeller.App.withRandomSecret(DEMO_APP_KEY), DEMO_SELLER_ID, "lazada_vn",
                SandboxSecrets.random(""), SandboxSecrets.random(""), pushes, Clock.systemUTC());
        // Lazada Vietnam sells in VND: the merchant's Vietnamese shop is the one whose people and prices it shares
        Optional<ShopifyShop> people = shopify.shops().stream()
                .filter(shop -> shop.settings().currencyCode().equals("VND")).findFirst();
        if (people.isPresent()) {
            LazadaSeed.populate(seller, people.get(), 20251206L, ORDERS, truth);
        } else {
            log.warn("No simulated Shopify shop sells in VND: the simulated Lazada seller has no orders");
        }
        return new LazadaSimulator(List.of(seller), Clock.systemUTC());
    }
}
