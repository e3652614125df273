package io.mekong.demo;

import io.mekong.config.MekongProperties;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.haravan.HaravanSandboxConfiguration;
import io.mekong.sandbox.haravan.HaravanSimulator;
import io.mekong.sandbox.haravan.HaravanWebhooks;
import io.mekong.sandbox.lazada.LazadaPushSender;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.lazada.LazadaSeller;
import io.mekong.sandbox.lazada.LazadaSimulator;
import io.mekong.sandbox.magento.MagentoSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopee.ShopeePush;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.shopify.ShopifyShop;
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
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncRunService;
import io.mekong.sync.SyncScheduler;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The default run's sources: a connection to each simulated Shopify shop, to the simulated Magento store, to the
 * simulated Shopee shop and Lazada seller, to each simulated Stripe account (VND, USD) and to the simulated WooCommerce
 * store and Haravan shop (both written as YAML only), and a sync job for each (every 15 minutes), run once at start so
 * data is flowing within a minute of {@code ./mvnw spring-boot:run}. The simulators send their webhooks to the demo
 * connections. Existing jobs are kept as they are; only the start-up run is repeated. Each simulator takes the
 * connection's stored secrets (or fresh ones on a first start: {@link DemoConnections}) before the web server, the
 * schedules or the webhook inbox can reach it. {@link DemoDestinations} is the demo's other half, its targets.
 */
@Component
@ConditionalOnSandbox
@ConditionalOnProperty(name = "mekong.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoBootstrap implements SmartInitializingSingleton {

    static final List<String> STREAMS = List.of("customers", "orders", "products", "checkouts");
    static final List<String> MAGENTO_STREAMS = List.of("customers", "orders", "products");
    static final List<String> SHOPEE_STREAMS = List.of("orders");
    static final List<String> STRIPE_STREAMS = List.of("customers", "payment_intents", "charges", "refunds",
            "balance_transactions");
    static final List<String> LAZADA_STREAMS = List.of("orders");
    static final List<String> WOOCOMMERCE_STREAMS = List.of("orders", "customers");
    static final List<String> HARAVAN_STREAMS = List.of("orders", "customers");
    private static final String MAGENTO = "demo-magento";
    private static final String SHOPEE = "demo-shopee";
    private static final String LAZADA = "demo-lazada";
    private static final String WOOCOMMERCE = "demo-woocommerce";
    private static final String HARAVAN = "demo-haravan";
    private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);

    private final ShopifySimulator shopify;
    private final ShopifyWebhooks shopifyWebhooks;
    private final StripeSimulator stripe;
    private final StripeWebhooks stripeWebhooks;
    private final ShopeeSimulator shopee;
    private final ShopeePush shopeePush;
    private final LazadaPushSender lazadaPushes;
    private final LazadaSimulator lazada;
    private final MagentoSimulator magentoSimulator;
    private final WooCommerceSimulator woo;
    private final WooWebhooks wooWebhooks;
    private final HaravanSimulator haravan;
    private final HaravanWebhooks haravanWebhooks;
    private final DemoConnections connections;
    private final SyncJobRepository jobs;
    private final SyncScheduler scheduler;
    private final SyncRunService runs;
    private final String schedule;
    private String magentoConsumerKey;
    private String wooConsumerKey;

    DemoBootstrap(ShopifySimulator shopify, ShopifyWebhooks shopifyWebhooks, StripeSimulator stripe,
                  StripeWebhooks stripeWebhooks, ShopeeSimulator shopee, ShopeePush shopeePush,
                  LazadaPushSender lazadaPushes, LazadaSimulator lazada, MagentoSimulator magentoSimulator,
                  WooCommerceSimulator woo, WooWebhooks wooWebhooks, HaravanSimulator haravan,
                  HaravanWebhooks haravanWebhooks, DemoConnections connections, SyncJobRepository jobs,
                  SyncScheduler scheduler, SyncRunService runs, MekongProperties properties) {
        this.shopify = shopify;
        this.shopifyWebhooks = shopifyWebhooks;
        this.stripe = stripe;
        this.stripeWebhooks = stripeWebhooks;
        this.shopee = shopee;
        this.shopeePush = shopeePush;
        this.lazadaPushes = lazadaPushes;
        this.lazada = lazada;
        this.magentoSimulator = magentoSimulator;
        this.woo = woo;
        this.wooWebhooks = wooWebhooks;
        this.haravan = haravan;
        this.haravanWebhooks = haravanWebhooks;
        this.connections = connections;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.runs = runs;
        this.schedule = properties.demo().schedule();
    }

    /**
     * Before anything can call a simulator (the web server, the schedules, the webhook inbox start only after this):
     * each simulator takes the demo connection's secrets, stored ones or fresh ones for a new install.
     */
    @Override
    public void afterSingletonsInstantiated() {
        // a shop's own token (random, unless a run configured one) is the app's on a first start
        shopify.shops().forEach(shop -> shop.installApp(connections.secrets(shopifyId(shop),
                Map.of("accessToken", shop.settings().accessToken()), "accessToken", "webhookSecret").get("accessToken")));
        // Magento's consumer key is a parameter, not a secret: it is random on a first start and kept after that
        magentoConsumerKey = connections.keptParam(MAGENTO, "consumerKey", "");
        Map<String, String> magento = connections.secrets(MAGENTO, "consumerSecret", "accessToken", "accessTokenSecret");
        magentoSimulator.store("default").activate(new MagentoStore.Integration(magentoConsumerKey,
                magento.get("consumerSecret"), magento.get("accessToken"), magento.get("accessTokenSecret")));
        Map<String, String> shopeeSecrets = connections.secrets(SHOPEE, "partnerKey", "accessToken", "refreshToken");
        shopee.renewPartnerKey(shopeeSecrets.get("partnerKey"));
        // the pair the hub last renewed: a refresh token is single-use, so only the stored one may still be spent
        shopee.shop(ShopeeSandboxConfiguration.SHOP_ID).authorise(shopeeSecrets.get("accessToken"),
                shopeeSecrets.get("refreshToken"));
        for (StripeAccount account : stripe.accounts()) {
            account.rollKeys(List.of(StripeAccount.ApiKey.full(connections.secrets(stripeId(account), "secretKey", "webhookSecret")
                    .get("secretKey"))));
        }
        Map<String, String> lazadaSecrets = connections.secrets(LAZADA, "appSecret", "accessToken", "refreshToken");
        lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID).authorise(
                new LazadaSeller.App(LazadaSandboxConfiguration.DEMO_APP_KEY, lazadaSecrets.get("appSecret")),
                lazadaSecrets.get("accessToken"), lazadaSecrets.get("refreshToken"));
        wooConsumerKey = connections.keptParam(WOOCOMMERCE, "consumerKey", "ck_");
        woo.store().issueKeys(List.of(new WooStore.ApiKey(wooConsumerKey,
                connections.secrets(WOOCOMMERCE, "consumerSecret", "webhookSecret").get("consumerSecret"), "read")));
        Map<String, String> haravanSecrets = connections.secrets(HARAVAN, "clientSecret", "accessToken", "refreshToken");
        haravan.accounts().resetSecret(haravanSecrets.get("clientSecret"));
        // the pair the hub last renewed: Haravan's refresh tokens rotate and are single-use too
        haravan.accounts().install(HaravanSandboxConfiguration.DEMO_ORG_ID, HaravanSandboxConfiguration.SCOPES,
                haravanSecrets.get("accessToken"), haravanSecrets.get("refreshToken"));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void start() {
        shopify.shops().forEach(shop -> {
            String id = shopifyId(shop);
            // the shop announces its changes by webhook, as an installed app subscribes; the schedule catches the rest
            shopifyWebhooks.subscribe(shop, connections.webhookUrl("shopify", id),
                    connections.handed(id).get("webhookSecret"), ShopifyWebhooks.ANNOUNCED);
            demo(id, "shopify", shop.settings().name(), connections.local("/sandbox/shopify/" + shop.domain()),
                    Map.of("shop", shop.domain(), "defaultRegion", shop.settings().currencyCode().equals("VND") ? "VN" : "US"),
                    STREAMS);
        });
        demo(MAGENTO, "magento", "Magento demo store", connections.local(MagentoSandboxConfiguration.MOUNT),
                Map.of("consumerKey", magentoConsumerKey, "baseCurrency", "VND"), MAGENTO_STREAMS);
        String shopeeCallback = connections.webhookUrl("shopee", SHOPEE).toString();
        shopeePush.subscribe(shopee.shop(ShopeeSandboxConfiguration.SHOP_ID), shopeeCallback,
                connections.handed(SHOPEE).get("partnerKey"));
        demo(SHOPEE, "shopee", "Shopee demo shop", connections.local(ShopeeSandboxConfiguration.MOUNT),
                Map.of("partnerId", ShopeeSandboxConfiguration.PARTNER_ID, "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", shopeeCallback),
                SHOPEE_STREAMS);
        for (StripeAccount account : stripe.accounts()) {
            String id = stripeId(account);
            stripeWebhooks.subscribe(account, connections.webhookUrl("stripe", id),
                    connections.handed(id).get("webhookSecret"));
            demo(id, "stripe", "Stripe demo account (" + account.currency().toUpperCase() + ")",
                    connections.local(StripeSandboxConfiguration.MOUNT),
                    // the account takes the payments of the shop in its currency: its orders show them
                    Map.of("defaultRegion", account.currency().equals("vnd") ? "VN" : "US",
                            "ordersConnection", "demo-shopify" + (account.currency().equals("vnd") ? "" : "-" + account.currency())),
                    STRIPE_STREAMS);
        }
        lazadaPushes.subscribe(connections.webhookUrl("lazada", LAZADA));
        demo(LAZADA, "lazada", "Lazada demo seller (lazada_vn)", connections.local(LazadaSandboxConfiguration.GATEWAY),
                Map.of("appKey", LazadaSandboxConfiguration.DEMO_APP_KEY,
                        "authBaseUrl", connections.local(LazadaSandboxConfiguration.AUTH_HOST)),
                LAZADA_STREAMS);
        wooWebhooks.subscribe(woo.store(), connections.webhookUrl("woocommerce", WOOCOMMERCE),
                connections.handed(WOOCOMMERCE).get("webhookSecret"), WooWebhooks.ALL);
        demo(WOOCOMMERCE, "woocommerce", "WooCommerce demo store", connections.local(WooCommerceSandboxConfiguration.MOUNT),
                Map.of("consumerKey", wooConsumerKey), WOOCOMMERCE_STREAMS);
        // the app's client secret also signs Haravan's webhooks
        haravanWebhooks.subscribe(haravan.shop(HaravanSandboxConfiguration.DEMO_ORG_ID),
                connections.webhookUrl("haravan", HARAVAN), connections.handed(HARAVAN).get("clientSecret"),
                HaravanWebhooks.ALL);
        demo(HARAVAN, "haravan", "Haravan demo shop", connections.local(HaravanSandboxConfiguration.MOUNT),
                Map.of("clientId", HaravanSandboxConfiguration.DEMO_CLIENT_ID,
                        "authBaseUrl", connections.local(HaravanSandboxConfiguration.MOUNT)), HARAVAN_STREAMS);
    }

    private static String shopifyId(ShopifyShop shop) {
        return "demo-shopify" + (shop.settings().currencyCode().equals("VND") ? ""
                : "-" + shop.settings().currencyCode().toLowerCase());
    }

    private static String stripeId(StripeAccount account) {
        return "demo-stripe" + (account.currency().equals("vnd") ? "" : "-" + account.currency());
    }

    private void demo(String id, String connector, String name, String baseUrl, Map<String, Object> params,
                      List<String> streams) {
        String globalId = connections.connection(id, connector, name, baseUrl, params);
        SyncJob job = jobs.forConnection(globalId).stream().findFirst()
                .orElseGet(() -> jobs.create(AdminBootstrap.DEFAULT_WORKSPACE, globalId, streams, schedule,
                        jobs.workspaceZone(AdminBootstrap.DEFAULT_WORKSPACE), true));
        scheduler.schedule(job);
        runs.start(job, "startup").ifPresent(runId -> log.info("Demo sync of {} started: GET /api/runs/{}", id, runId));
    }

}
