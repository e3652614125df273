package io.mekong.sandbox.stripe;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.WebhookSender;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Stripe simulator of the default run at {@code /sandbox/stripe}: one test-mode account per simulated Shopify
 * shop, in the shop's currency (VND, USD), whose customers and payments are that shop's people and orders. Each
 * account's secret key is random at each start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class StripeSandboxConfiguration {

    public static final String MOUNT = "/sandbox/stripe";
    static final int PAYMENTS = 300;
    /** Stripe's test-mode read budget: about 25 requests a second. */
    static final int TEST_MODE_RATE = 25;

    /** Test-mode secret keys start so. */
    public static final String SECRET_KEY_PREFIX = "sk_test_";

    @Bean(destroyMethod = "close")
    WebhookSender stripeWebhookSender() {
        return new WebhookSender(WebhookSender.RetryPlan.STRIPE);
    }

    @Bean
    StripeWebhooks stripeWebhooks(@Qualifier("stripeWebhookSender") WebhookSender sender) {
        return new StripeWebhooks(sender, Clock.systemUTC());
    }

    @Bean
    StripeSimulator stripeSimulator(ShopifySimulator shopify, SandboxPeople truth) {
        List<StripeAccount> accounts = new ArrayList<>();
        long seed = 20251206L;
        for (ShopifyShop shop : shopify.shops()) {
            String currency = shop.settings().currencyCode().toLowerCase();
            StripeAccount account = new StripeAccount("acct_1MekongDemo" + currency.toUpperCase(), currency, false,
                    List.of(StripeAccount.ApiKey.full(SandboxSecrets.random(SECRET_KEY_PREFIX))), Clock.systemUTC(),
                    TEST_MODE_RATE, FaultPlan.NONE);
            StripeSeed.populate(account, shop, seed++, PAYMENTS, truth);
            accounts.add(account);
        }
        return new StripeSimulator(accounts);
    }
}
