package io.mekong.demo;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.haravan.HaravanSandboxConfiguration;
import io.mekong.sandbox.haravan.HaravanSimulator;
import io.mekong.sandbox.haravan.HaravanWebhooks;
import io.mekong.sandbox.lazada.LazadaPushSender;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopee.ShopeePush;
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
import io.mekong.sandbox.woocommerce.WooWebhooks;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncRunService;
import io.mekong.sync.SyncScheduler;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The default run's demo: a connection to each simulated Shopify shop, to the simulated Magento store, to the
 * simulated Shopee shop and Lazada seller, to each simulated Stripe account (VND, USD) and to the simulated WooCommerce
 * store and Haravan shop (both written as YAML only), and a sync job for each
 * (every 15 minutes), run once at start so data is flowing within a minute of {@code ./mvnw spring-boot:run}. The
 * simulators send their webhooks to the demo connections. Existing connections and jobs are kept as they are (an
 * operator may have changed them), except that a connection's local URLs follow the port; only the start-up run is
 * repeated.
 */
@Component
@ConditionalOnProperty(name = {"mekong.sandbox.enabled", "mekong.demo.enabled"}, havingValue = "true", matchIfMissing = true)
class DemoBootstrap {

    static final List<String> STREAMS = List.of("customers", "orders", "products");
    static final List<String> MAGENTO_STREAMS = List.of("customers", "orders");
    static final List<String> SHOPEE_STREAMS = List.of("orders");
    static final List<String> STRIPE_STREAMS = List.of("customers", "payment_intents", "charges", "refunds",
            "balance_transactions");
    static final List<String> LAZADA_STREAMS = List.of("orders");
    static final List<String> WOOCOMMERCE_STREAMS = List.of("orders", "customers");
    static final List<String> HARAVAN_STREAMS = List.of("orders", "customers");
    private static final String LOCAL = "http://localhost:";
    private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);

    private final ShopifySimulator shopify;
    private final ShopifyWebhooks shopifyWebhooks;
    private final StripeSimulator stripe;
    private final StripeWebhooks stripeWebhooks;
    private final ShopeeSimulator shopee;
    private final ShopeePush shopeePush;
    private final LazadaPushSender lazadaPushes;
    private final WooCommerceSimulator woo;
    private final WooWebhooks wooWebhooks;
    private final HaravanSimulator haravan;
    private final HaravanWebhooks haravanWebhooks;
    private final ConnectionService connections;
    private final SyncJobRepository jobs;
    private final SyncScheduler scheduler;
    private final SyncRunService runs;
    private final String schedule;
    private int port;

    DemoBootstrap(ShopifySimulator shopify, ShopifyWebhooks shopifyWebhooks, StripeSimulator stripe,
                  StripeWebhooks stripeWebhooks, ShopeeSimulator shopee, ShopeePush shopeePush,
                  LazadaPushSender lazadaPushes, WooCommerceSimulator woo, WooWebhooks wooWebhooks, HaravanSimulator haravan,
                  HaravanWebhooks haravanWebhooks, ConnectionService connections, SyncJobRepository jobs,
                  SyncScheduler scheduler, SyncRunService runs, @Value("${mekong.demo.schedule:@every 15m}") String schedule) {
        this.shopify = shopify;
        this.shopifyWebhooks = shopifyWebhooks;
        this.stripe = stripe;
        this.stripeWebhooks = stripeWebhooks;
        this.shopee = shopee;
        this.shopeePush = shopeePush;
        this.lazadaPushes = lazadaPushes;
        this.woo = woo;
        this.wooWebhooks = wooWebhooks;
        this.haravan = haravan;
        this.haravanWebhooks = haravanWebhooks;
        this.connections = connections;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.runs = runs;
        this.schedule = schedule;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void start() {
        shopify.shops().forEach(shop -> {
            String id = "demo-shopify" + (shop.settings().currencyCode().equals("VND") ? ""
                    : "-" + shop.settings().currencyCode().toLowerCase());
            // the shop announces its changes by webhook, as an installed app subscribes; the schedule catches the rest
            shopifyWebhooks.subscribe(shop, URI.create("http://localhost:" + port + "/webhooks/shopify/" + id),
                    ShopifySandboxConfiguration.DEMO_WEBHOOK_SECRET, ShopifyWebhooks.ANNOUNCED);
            demo(id, "shopify", shop.settings().name(), "http://localhost:" + port + "/sandbox/shopify/" + shop.domain(),
                    Map.of("shop", shop.domain(), "currency", shop.settings().currencyCode(),
                            "defaultRegion", shop.settings().currencyCode().equals("VND") ? "VN" : "US"),
                    Map.of("accessToken", shop.settings().accessToken(),
                            "webhookSecret", ShopifySandboxConfiguration.DEMO_WEBHOOK_SECRET), STREAMS);
        });
        MagentoStore.Integration magento = MagentoSandboxConfiguration.DEMO;
        demo("demo-magento", "magento", "Magento demo store", LOCAL + port + MagentoSandboxConfiguration.MOUNT,
                Map.of("consumerKey", magento.consumerKey()),
                Map.of("consumerSecret", magento.consumerSecret(), "accessToken", magento.accessToken(),
                        "accessTokenSecret", magento.accessTokenSecret()), MAGENTO_STREAMS);
        String shopeeCallback = "http://localhost:" + port + "/webhooks/shopee/demo-shopee";
        shopeePush.subscribe(shopee.shop(ShopeeSandboxConfiguration.SHOP_ID), shopeeCallback,
                ShopeeSandboxConfiguration.PARTNER.partnerKey());
        demo("demo-shopee", "shopee", "Shopee demo shop", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                Map.of("partnerId", ShopeeSandboxConfiguration.PARTNER.partnerId(), "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", shopeeCallback),
                Map.of("partnerKey", ShopeeSandboxConfiguration.PARTNER.partnerKey(),
                        "accessToken", ShopeeSandboxConfiguration.ACCESS_TOKEN,
                        "refreshToken", ShopeeSandboxConfiguration.REFRESH_TOKEN), SHOPEE_STREAMS);
        for (StripeAccount account : stripe.accounts()) {
            String id = "demo-stripe" + (account.currency().equals("vnd") ? "" : "-" + account.currency());
            stripeWebhooks.subscribe(account, URI.create("http://localhost:" + port + "/webhooks/stripe/" + id),
                    StripeSandboxConfiguration.demoWebhookSecret(account.currency()));
            demo(id, "stripe", "Stripe demo account (" + account.currency().toUpperCase() + ")",
                    "http://localhost:" + port + StripeSandboxConfiguration.MOUNT,
                    // the account takes the payments of the shop in its currency: its orders show them
                    Map.of("defaultRegion", account.currency().equals("vnd") ? "VN" : "US",
                            "ordersConnection", "demo-shopify" + (account.currency().equals("vnd") ? "" : "-" + account.currency())),
                    Map.of("secretKey", StripeSandboxConfiguration.demoKey(account.currency()),
                            "webhookSecret", StripeSandboxConfiguration.demoWebhookSecret(account.currency())), STRIPE_STREAMS);
        }
        lazadaPushes.subscribe(URI.create(LOCAL + port + "/webhooks/lazada/demo-lazada"));
        demo("demo-lazada", "lazada", "Lazada demo seller (lazada_vn)", LOCAL + port + LazadaSandboxConfiguration.GATEWAY,
                Map.of("appKey", LazadaSandboxConfiguration.DEMO_APP.appKey(),
                        "authBaseUrl", LOCAL + port + LazadaSandboxConfiguration.AUTH_HOST),
                Map.of("appSecret", LazadaSandboxConfiguration.DEMO_APP.appSecret(),
                        "accessToken", LazadaSandboxConfiguration.DEMO_ACCESS_TOKEN,
                        "refreshToken", LazadaSandboxConfiguration.DEMO_REFRESH_TOKEN), LAZADA_STREAMS);
        wooCommerce();
        haravan();
    }

    /** The WordPress store's webhooks (every order and customer topic) and a connection with its read key. */
    private void wooCommerce() {
        wooWebhooks.subscribe(woo.store(), URI.create(LOCAL + port + "/webhooks/woocommerce/demo-woocommerce"),
                WooCommerceSandboxConfiguration.DEMO_WEBHOOK_SECRET, WooWebhooks.ALL);
        demo("demo-woocommerce", "woocommerce", "WooCommerce demo store", LOCAL + port + WooCommerceSandboxConfiguration.MOUNT,
                Map.of("consumerKey", WooCommerceSandboxConfiguration.DEMO_KEY.consumerKey()),
                Map.of("consumerSecret", WooCommerceSandboxConfiguration.DEMO_KEY.consumerSecret(),
                        "webhookSecret", WooCommerceSandboxConfiguration.DEMO_WEBHOOK_SECRET), WOOCOMMERCE_STREAMS);
    }

    /**
     * The Haravan shop's webhooks and a connection with the app's tokens. The in-process shop is new at every start,
     * as if the app had just been installed again: its fresh token pair replaces what an earlier run stored (those
     * tokens, rotated since, are unknown to the new shop).
     */
    private void haravan() {
        String id = "demo-haravan";
        haravanWebhooks.subscribe(haravan.shop(HaravanSandboxConfiguration.DEMO_ORG_ID),
                URI.create(LOCAL + port + "/webhooks/haravan/" + id), HaravanSandboxConfiguration.DEMO_APP.clientSecret(),
                HaravanWebhooks.ALL);
        Map<String, String> installed = Map.of("accessToken", HaravanSandboxConfiguration.DEMO_ACCESS_TOKEN,
                "refreshToken", HaravanSandboxConfiguration.DEMO_REFRESH_TOKEN,
                "accessTokenExpiresAt", Instant.now().plus(HaravanSandboxConfiguration.ACCESS_TOKEN_LIFETIME).toString());
        connections.find(id).ifPresent(existing -> connections.update(existing,
                new ConnectionDraft(id, existing.workspaceId(), null, null, existing.params(), installed)));
        Map<String, String> secrets = new HashMap<>(installed);
        secrets.put("clientSecret", HaravanSandboxConfiguration.DEMO_APP.clientSecret());
        demo(id, "haravan", "Haravan demo shop", LOCAL + port + HaravanSandboxConfiguration.MOUNT,
                Map.of("clientId", HaravanSandboxConfiguration.DEMO_APP.clientId(),
                        "authBaseUrl", LOCAL + port + HaravanSandboxConfiguration.MOUNT), secrets, HARAVAN_STREAMS);
    }

    private void demo(String id, String connector, String name, String baseUrl, Map<String, Object> params,
                      Map<String, String> secrets, List<String> streams) {
        Optional<Connection> existing = connections.find(id);
        Map<String, Object> withBase = new HashMap<>(params);
        withBase.put("baseUrl", baseUrl);
        if (existing.isEmpty()) {
            connections.create(new ConnectionDraft(id, AdminBootstrap.DEFAULT_WORKSPACE, connector, name, withBase, secrets));
        } else {
            // the hub restarted on another port: the demo connection's URLs (base URL, Lazada's auth host) must follow
            // its in-process simulator
            Map<String, Object> moved = new HashMap<>(existing.get().params());
            withBase.forEach((key, value) -> {
                if (value.toString().startsWith(LOCAL)) {
                    moved.put(key, value);
                }
            });
            if (!moved.equals(existing.get().params())) {
                connections.update(existing.get(), new ConnectionDraft(id, existing.get().workspaceId(), null, null, moved, Map.of()));
            }
        }
        SyncJob job = jobs.forConnection(id).stream().findFirst()
                .orElseGet(() -> jobs.create(AdminBootstrap.DEFAULT_WORKSPACE, id, streams, schedule, true));
        scheduler.schedule(job);
        runs.start(job, "startup").ifPresent(runId -> log.info("Demo sync of {} started: GET /api/runs/{}", id, runId));
    }
}
