package io.mekong.sandbox.haravan;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.WebhookSender;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Haravan simulator of the default run at {@code /sandbox/haravan} (both accounts.haravan.com and
 * apis.haravan.com): one shop whose customers are people of the first simulated Shopify shop, with the demo app
 * installed (an access token and a refresh token), and its webhooks.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class HaravanSandboxConfiguration {

    public static final String MOUNT = "/sandbox/haravan";
    public static final long DEMO_ORG_ID = 200_000_376L;
    /** The demo app's client id; its secret (which also signs the webhooks) is random until the demo sets it. */
    public static final String DEMO_CLIENT_ID = "mekongdemoharavanclientid0000000";
    public static final Set<String> SCOPES = Set.of("openid", "profile", "email", "org", "userinfo", "com.read_orders",
            "com.read_customers", "offline_access");
    /** Unverified: Haravan does not publish its access tokens' lifetime; IdentityServer's default hour is assumed. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    static final int CUSTOMERS = 80;
    static final int ORDERS = 300;

    @Bean(destroyMethod = "close")
    WebhookSender haravanWebhookSender() {
        return new WebhookSender(HaravanWebhooks.RETRIES);
    }

    @Bean
    HaravanWebhooks haravanWebhooks(@Qualifier("haravanWebhookSender") WebhookSender sender) {
        return new HaravanWebhooks(sender);
    }

    @Bean
    HaravanSimulator haravanSimulator(ShopifySimulator shopify, SandboxPeople truth) {
        HaravanAccounts accounts = new HaravanAccounts(new HaravanAccounts.App(DEMO_CLIENT_ID, SandboxSecrets.random("")),
                Clock.systemUTC(), ACCESS_TOKEN_LIFETIME);
        HaravanShop shop = new HaravanShop(DEMO_ORG_ID, "Mekong Demo Haravan", Clock.systemUTC(), FaultPlan.NONE);
        HaravanSeed.populate(shop, shopify.shops().iterator().next(), 20251208L, CUSTOMERS, ORDERS,
                Instant.parse("2025-07-01T00:00:00Z"), truth);
        return new HaravanSimulator(accounts, List.of(shop));
    }
}
