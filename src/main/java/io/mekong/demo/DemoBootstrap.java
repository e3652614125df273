package io.mekong.demo;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
import io.mekong.sandbox.lazada.LazadaPushSender;
import io.mekong.sandbox.lazada.LazadaSandboxConfiguration;
import io.mekong.sandbox.lazada.LazadaSeller;
import io.mekong.sandbox.lazada.LazadaSimulator;
import io.mekong.sandbox.magento.MagentoSandboxConfiguration;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopee.ShopeePush;
import io.mekong.sandbox.shopee.ShopeeSandboxConfiguration;
import io.mekong.sandbox.shopee.ShopeeShop;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.sandbox.shopify.ShopifyWebhooks;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSandboxConfiguration;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.stripe.StripeWebhooks;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import io.mekong.sync.SyncRunService;
import io.mekong.sync.SyncScheduler;
import java.net.URI;
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
 * simulated Shopee shop and Lazada seller and to each simulated Stripe account (VND, USD), and a sync job for each
 * (every 15 minutes), run once at start so data is flowing within a minute of {@code ./mvnw spring-boot:run}. The
 * simulators send their webhooks to the demo connections. Existing connections and jobs are kept as they are (an
 * operator may have changed them), except that a connection's local URLs follow the port; only the start-up run is
 * repeated. No secret is written in the code: the first start makes random ones (tokens, webhook secrets, partner
 * keys, app secrets, OAuth credentials) and stores them sealed in the demo connections; every later start hands the
 * stored ones, as the hub has renewed them since, to the simulators, which are re-seeded at each start.
 */
@Component
@ConditionalOnSandbox
@ConditionalOnProperty(name = "mekong.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoBootstrap {

    static final List<String> STREAMS = List.of("customers", "orders", "products");
    static final List<String> MAGENTO_STREAMS = List.of("customers", "orders");
    static final List<String> SHOPEE_STREAMS = List.of("orders");
    static final List<String> STRIPE_STREAMS = List.of("customers", "payment_intents", "charges", "refunds",
            "balance_transactions");
    static final List<String> LAZADA_STREAMS = List.of("orders");
    private static final String LOCAL = "http://localhost:";
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
    private final ConnectionService connections;
    private final SyncJobRepository jobs;
    private final SyncScheduler scheduler;
    private final SyncRunService runs;
    private final String schedule;
    private int port;

    DemoBootstrap(ShopifySimulator shopify, ShopifyWebhooks shopifyWebhooks, StripeSimulator stripe,
                  StripeWebhooks stripeWebhooks, ShopeeSimulator shopee, ShopeePush shopeePush,
                  LazadaPushSender lazadaPushes, LazadaSimulator lazada, MagentoSimulator magentoSimulator,
                  ConnectionService connections, SyncJobRepository jobs, SyncScheduler scheduler,
                  SyncRunService runs, @Value("${mekong.demo.schedule:@every 15m}") String schedule) {
        this.shopify = shopify;
        this.shopifyWebhooks = shopifyWebhooks;
        this.stripe = stripe;
        this.stripeWebhooks = stripeWebhooks;
        this.shopee = shopee;
        this.shopeePush = shopeePush;
        this.lazadaPushes = lazadaPushes;
        this.lazada = lazada;
        this.magentoSimulator = magentoSimulator;
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
            Map<String, String> secrets = secrets(id, "accessToken", "webhookSecret");
            shop.installApp(secrets.get("accessToken"));
            // the shop announces its changes by webhook, as an installed app subscribes; the schedule catches the rest
            shopifyWebhooks.subscribe(shop, URI.create("http://localhost:" + port + "/webhooks/shopify/" + id),
                    secrets.get("webhookSecret"), ShopifyWebhooks.ANNOUNCED);
            demo(id, "shopify", shop.settings().name(), "http://localhost:" + port + "/sandbox/shopify/" + shop.domain(),
                    Map.of("shop", shop.domain(), "currency", shop.settings().currencyCode(),
                            "defaultRegion", shop.settings().currencyCode().equals("VND") ? "VN" : "US"),
                    secrets, STREAMS);
        });
        // Magento's consumer key is a parameter, not a secret: it is random on a first start and kept after that
        String consumerKey = connections.find("demo-magento").map(c -> String.valueOf(c.params().get("consumerKey")))
                .orElseGet(() -> SandboxSecrets.random(""));
        Map<String, String> magento = secrets("demo-magento", "consumerSecret", "accessToken", "accessTokenSecret");
        magentoSimulator.store("default").activate(new MagentoStore.Integration(consumerKey, magento.get("consumerSecret"),
                magento.get("accessToken"), magento.get("accessTokenSecret")));
        demo("demo-magento", "magento", "Magento demo store", LOCAL + port + MagentoSandboxConfiguration.MOUNT,
                Map.of("consumerKey", consumerKey), magento, MAGENTO_STREAMS);
        String shopeeCallback = "http://localhost:" + port + "/webhooks/shopee/demo-shopee";
        Map<String, String> shopeeSecrets = secrets("demo-shopee", "partnerKey", "accessToken", "refreshToken");
        ShopeeShop shopeeShop = shopee.shop(ShopeeSandboxConfiguration.SHOP_ID);
        shopee.renewPartnerKey(shopeeSecrets.get("partnerKey"));
        // the pair the hub last renewed: a refresh token is single-use, so only the stored one may still be spent
        shopeeShop.authorise(shopeeSecrets.get("accessToken"), shopeeSecrets.get("refreshToken"));
        shopeePush.subscribe(shopeeShop, shopeeCallback, shopeeSecrets.get("partnerKey"));
        demo("demo-shopee", "shopee", "Shopee demo shop", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                Map.of("partnerId", ShopeeSandboxConfiguration.PARTNER_ID, "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", shopeeCallback),
                shopeeSecrets, SHOPEE_STREAMS);
        for (StripeAccount account : stripe.accounts()) {
            String id = "demo-stripe" + (account.currency().equals("vnd") ? "" : "-" + account.currency());
            Map<String, String> secrets = secrets(id, "secretKey", "webhookSecret");
            account.rollKeys(List.of(StripeAccount.ApiKey.full(secrets.get("secretKey"))));
            stripeWebhooks.subscribe(account, URI.create("http://localhost:" + port + "/webhooks/stripe/" + id),
                    secrets.get("webhookSecret"));
            demo(id, "stripe", "Stripe demo account (" + account.currency().toUpperCase() + ")",
                    "http://localhost:" + port + StripeSandboxConfiguration.MOUNT,
                    // the account takes the payments of the shop in its currency: its orders show them
                    Map.of("defaultRegion", account.currency().equals("vnd") ? "VN" : "US",
                            "ordersConnection", "demo-shopify" + (account.currency().equals("vnd") ? "" : "-" + account.currency())),
                    secrets, STRIPE_STREAMS);
        }
        Map<String, String> lazadaSecrets = secrets("demo-lazada", "appSecret", "accessToken", "refreshToken");
        lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID).authorise(
                new LazadaSeller.App(LazadaSandboxConfiguration.DEMO_APP_KEY, lazadaSecrets.get("appSecret")),
                lazadaSecrets.get("accessToken"), lazadaSecrets.get("refreshToken"));
        lazadaPushes.subscribe(URI.create(LOCAL + port + "/webhooks/lazada/demo-lazada"));
        demo("demo-lazada", "lazada", "Lazada demo seller (lazada_vn)", LOCAL + port + LazadaSandboxConfiguration.GATEWAY,
                Map.of("appKey", LazadaSandboxConfiguration.DEMO_APP_KEY,
                        "authBaseUrl", LOCAL + port + LazadaSandboxConfiguration.AUTH_HOST),
                lazadaSecrets, LAZADA_STREAMS);
    }

    /**
     * The demo connection's secrets {@code names}: those an earlier start stored (sealed, and renewed by the hub since,
     * such as Shopee's and Lazada's token pairs), else fresh random ones for this install. The caller hands them to
     * the simulator, which was re-seeded with random credentials of its own.
     */
    private Map<String, String> secrets(String connectionId, String... names) {
        Map<String, String> stored = connections.find(connectionId).isPresent()
                ? connections.context(connectionId).secrets() : Map.of();
        Map<String, String> secrets = new HashMap<>();
        for (String name : names) {
            secrets.put(name, stored.getOrDefault(name, SandboxSecrets.random("")));
        }
        return Map.copyOf(secrets);
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
            // secrets an earlier start did not store (or an operator removed) were made fresh for this start: keep them
            Map<String, String> stored = connections.context(id).secrets();
            Map<String, String> missing = new HashMap<>(secrets);
            missing.keySet().removeAll(stored.keySet());
            if (!moved.equals(existing.get().params()) || !missing.isEmpty()) {
                connections.update(existing.get(), new ConnectionDraft(id, existing.get().workspaceId(), null, null, moved, missing));
            }
        }
        SyncJob job = jobs.forConnection(id).stream().findFirst()
                .orElseGet(() -> jobs.create(AdminBootstrap.DEFAULT_WORKSPACE, id, streams, schedule, true));
        scheduler.schedule(job);
        runs.start(job, "startup").ifPresent(runId -> log.info("Demo sync of {} started: GET /api/runs/{}", id, runId));
    }
}
