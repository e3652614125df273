package io.mekong.sandbox.accounts;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.TokenPair;
import io.mekong.sandbox.WebhookEndpoints;
import io.mekong.sandbox.haravan.HaravanAccounts;
import io.mekong.sandbox.haravan.HaravanSandboxConfiguration;
import io.mekong.sandbox.haravan.HaravanSimulator;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.lazada.LazadaSeller;
import io.mekong.sandbox.lazada.LazadaSimulator;
import io.mekong.sandbox.magento.MagentoSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.shopify.ShopifySandboxConfiguration;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.sandbox.shopify.ShopifyWebhooks;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSandboxConfiguration;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.stripe.StripeWebhooks;
import io.mekong.sandbox.woocommerce.WooCommerceSandboxConfiguration;
import io.mekong.sandbox.woocommerce.WooCommerceSimulator;
import io.mekong.sandbox.woocommerce.WooStore;
import io.mekong.sandbox.woocommerce.WooWebhooks;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The simulators' accounts as their vendors' own admin screens show them, read from the simulators at each call: the
 * credentials they accept now (the demo's, or those the hub renewed since), and the secret of the first webhook
 * endpoint registered with them (the demo's connection), where the vendor signs its webhooks with one of its own.
 */
@Component
@ConditionalOnSandbox
class SimulatedAccounts {

    private final ShopifySimulator shopify;
    private final ShopifyWebhooks shopifyWebhooks;
    private final MagentoSimulator magento;
    private final WooCommerceSimulator woo;
    private final WooWebhooks wooWebhooks;
    private final HaravanSimulator haravan;
    private final ShopeeSimulator shopee;
    private final LazadaSimulator lazada;
    private final StripeSimulator stripe;
    private final StripeWebhooks stripeWebhooks;
    private final KlaviyoSimulator klaviyo;
    private final MailchimpSimulator mailchimp;
    private final HubSpotSimulator hubspot;
    private final HookReceivers hooks;

    SimulatedAccounts(ShopifySimulator shopify, ShopifyWebhooks shopifyWebhooks, MagentoSimulator magento,
                      WooCommerceSimulator woo, WooWebhooks wooWebhooks, HaravanSimulator haravan, ShopeeSimulator shopee,
                      LazadaSimulator lazada, StripeSimulator stripe, StripeWebhooks stripeWebhooks,
                      KlaviyoSimulator klaviyo, MailchimpSimulator mailchimp, HubSpotSimulator hubspot,
                      HookReceivers hooks) {
        this.shopify = shopify;
        this.shopifyWebhooks = shopifyWebhooks;
        this.magento = magento;
        this.woo = woo;
        this.wooWebhooks = wooWebhooks;
        this.haravan = haravan;
        this.shopee = shopee;
        this.lazada = lazada;
        this.stripe = stripe;
        this.stripeWebhooks = stripeWebhooks;
        this.klaviyo = klaviyo;
        this.mailchimp = mailchimp;
        this.hubspot = hubspot;
        this.hooks = hooks;
    }

    /**
     * Every account, the sources' first, then the destinations'.
     *
     * @param hub this hub's own address (where the in-process simulators answer), e.g. {@code http://localhost:8080}
     */
    List<SimulatedAccount> on(String hub) {
        return Stream.of(shopify(hub), magento(hub), woocommerce(hub), haravan(hub), shopee(hub), lazada(hub),
                stripe(hub), targets(hub)).flatMap(s -> s).toList();
    }

    private Stream<SimulatedAccount> shopify(String hub) {
        return shopify.shops().stream().map(shop -> SimulatedAccount.of("shopify", shop.settings().name())
                .with("shop", shop.domain())
                .with("baseUrl", hub + ShopifySandboxConfiguration.MOUNT + "/" + shop.domain())
                .with("accessToken", shop.settings().accessToken())
                .with("webhookSecret", firstSecret(shopifyWebhooks.endpoints(shop))));
    }

    private Stream<SimulatedAccount> magento(String hub) {
        MagentoStore store = magento.store("default");
        MagentoStore.Integration integration = store.integration();
        return Stream.of(SimulatedAccount.of("magento", store.storeCode())
                .with("baseUrl", hub + MagentoSandboxConfiguration.MOUNT)
                .with("storeCode", store.storeCode())
                .with("consumerKey", integration.consumerKey())
                .with("consumerSecret", integration.consumerSecret())
                .with("accessToken", integration.accessToken())
                .with("accessTokenSecret", integration.accessTokenSecret())
                // the simulated catalog prices its products in dong, as the demo store's configuration says
                .with("baseCurrency", "VND"));
    }

    private Stream<SimulatedAccount> woocommerce(String hub) {
        WooStore store = woo.store();
        WooStore.ApiKey key = store.keys().get(0);
        return Stream.of(SimulatedAccount.of("woocommerce", store.siteUrl())
                .with("baseUrl", hub + WooCommerceSandboxConfiguration.MOUNT)
                .with("consumerKey", key.consumerKey())
                .with("consumerSecret", key.consumerSecret())
                .with("webhookSecret", firstSecret(wooWebhooks.endpoints(store))));
    }

    private Stream<SimulatedAccount> haravan(String hub) {
        HaravanAccounts accounts = haravan.accounts();
        long orgId = HaravanSandboxConfiguration.DEMO_ORG_ID;
        return Stream.of(SimulatedAccount.of("haravan", "org " + orgId)
                .with("baseUrl", hub + HaravanSandboxConfiguration.MOUNT)
                .with("authBaseUrl", hub + HaravanSandboxConfiguration.MOUNT)
                .with("clientId", accounts.app().clientId())
                .with("clientSecret", accounts.app().clientSecret())
                .withTokens(accounts.currentTokens(orgId).orElse(null)));
    }

    private Stream<SimulatedAccount> shopee(String hub) {
        return shopee.shops().stream().map(shop -> SimulatedAccount.of("shopee", "shop_id " + shop.shopId())
                .with("baseUrl", hub + ShopeeSandboxConfiguration.MOUNT)
                .with("partnerId", shopee.partner().partnerId())
                .with("shopId", shop.shopId())
                .with("partnerKey", shopee.partner().partnerKey())
                .withTokens(shop.currentTokens()));
    }

    private Stream<SimulatedAccount> lazada(String hub) {
        LazadaSeller seller = lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID);
        LazadaSeller.Tokens tokens = seller.tokens();
        return Stream.of(SimulatedAccount.of("lazada", seller.site() + " " + seller.sellerId())
                .with("baseUrl", hub + LazadaSandboxConfiguration.GATEWAY)
                .with("authBaseUrl", hub + LazadaSandboxConfiguration.AUTH_HOST)
                .with("appKey", seller.app().appKey())
                .with("appSecret", seller.app().appSecret())
                .withTokens(new TokenPair(tokens.accessToken(), tokens.refreshToken())));
    }

    private Stream<SimulatedAccount> stripe(String hub) {
        return stripe.accounts().stream().map(account -> SimulatedAccount.of("stripe",
                        account.id() + " (" + account.currency().toUpperCase() + ")")
                .with("baseUrl", hub + StripeSandboxConfiguration.MOUNT)
                .with("secretKey", account.apiKeys().stream().map(StripeAccount.ApiKey::secret).findFirst().orElse(null))
                .with("webhookSecret", firstSecret(stripeWebhooks.endpoints(account))));
    }

    private Stream<SimulatedAccount> targets(String hub) {
        MailchimpAccount m = mailchimp.account();
        Stream<SimulatedAccount> vendors = Stream.of(
                SimulatedAccount.of("klaviyo", "Klaviyo")
                        .with("baseUrl", hub + klaviyo.apiPath())
                        .with("apiKey", klaviyo.account().apiKey()),
                SimulatedAccount.of("mailchimp", m.listId())
                        .with("baseUrl", hub + mailchimp.apiPath())
                        .with("apiKey", m.apiKey())
                        .with("dataCenter", m.dc())
                        .with("listId", m.listId())
                        .with("storeId", m.storeId()),
                SimulatedAccount.of("hubspot", "portal " + hubspot.account().portalId())
                        .with("baseUrl", hub + hubspot.apiPath())
                        .with("accessToken", hubspot.account().token()));
        Stream<SimulatedAccount> receivers = hooks.receivers().stream().map(receiver ->
                SimulatedAccount.of("webhook", receiver.name())
                        .with("url", hub + hooks.apiPath() + "/" + receiver.name())
                        .with("signingSecret", receiver.secret()));
        return Stream.concat(vendors, receivers);
    }

    private static String firstSecret(List<WebhookEndpoints.Endpoint> endpoints) {
        return endpoints.stream().map(WebhookEndpoints.Endpoint::signingSecret).findFirst().orElse(null);
    }
}
