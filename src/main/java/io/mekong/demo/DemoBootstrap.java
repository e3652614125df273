package io.mekong.demo;

import io.mekong.config.MekongProperties;
import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionDraft;
import io.mekong.connection.ConnectionService;
import io.mekong.ops.AdminBootstrap;
import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
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
import java.net.URI;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.hubspot.HubSpotAccount;
import io.mekong.sandbox.hubspot.HubSpotSimulator;
import io.mekong.sandbox.klaviyo.KlaviyoAccount;
import io.mekong.sandbox.klaviyo.KlaviyoSimulator;
import io.mekong.sandbox.mailchimp.MailchimpAccount;
import io.mekong.sandbox.mailchimp.MailchimpSimulator;
import io.mekong.sink.Destinations;
import java.util.Set;
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
 * repeated. No secret is written in the code: the first start makes random ones (tokens, webhook secrets, partner
 * keys, app secrets, OAuth credentials) and stores them sealed in the demo connections; every later start hands the
 * stored ones, as the hub has renewed them since, to the simulators, which are re-seeded at each start, before the
 * web server, the schedules or the webhook inbox can reach them.
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
    private static final String LOCAL = "http://localhost:";
    private static final String MAGENTO = "demo-magento";
    private static final String SHOPEE = "demo-shopee";
    private static final String LAZADA = "demo-lazada";
    private static final String WOOCOMMERCE = "demo-woocommerce";
    private static final String HARAVAN = "demo-haravan";
    private static final String KLAVIYO = "demo-klaviyo";
    private static final String MAILCHIMP = "demo-mailchimp";
    private static final String HUBSPOT = "demo-hubspot";
    private static final String HOOK = "demo-merchant-hook";
    private static final String HOOK_RECEIVER = "merchant";
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
    private final KlaviyoSimulator klaviyo;
    private final MailchimpSimulator mailchimp;
    private final HubSpotSimulator hubspot;
    private final HookReceivers hooks;
    private final Destinations destinations;
    private final ConnectionService connections;
    private final SyncJobRepository jobs;
    private final SyncScheduler scheduler;
    private final SyncRunService runs;
    private final String schedule;
    /** Each demo connection's secrets as this start handed them to the simulators. */
    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private String magentoConsumerKey;
    private String wooConsumerKey;
    private int port;

    DemoBootstrap(ShopifySimulator shopify, ShopifyWebhooks shopifyWebhooks, StripeSimulator stripe,
                  StripeWebhooks stripeWebhooks, ShopeeSimulator shopee, ShopeePush shopeePush,
                  LazadaPushSender lazadaPushes, LazadaSimulator lazada, MagentoSimulator magentoSimulator,
                  WooCommerceSimulator woo, WooWebhooks wooWebhooks, HaravanSimulator haravan,
                  HaravanWebhooks haravanWebhooks, DemoTargets targets, Destinations destinations,
                  ConnectionService connections, SyncJobRepository jobs,
                  SyncScheduler scheduler, SyncRunService runs, MekongProperties properties) {
        this.klaviyo = targets.klaviyo();
        this.mailchimp = targets.mailchimp();
        this.hubspot = targets.hubspot();
        this.hooks = targets.hooks();
        this.destinations = destinations;
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

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    /**
     * Before anything can call a simulator (the web server, the schedules, the webhook inbox start only after this):
     * each simulator takes the demo connection's secrets, stored ones or fresh ones for a new install.
     */
    @Override
    public void afterSingletonsInstantiated() {
        // a shop's own token (random, unless a run configured one) is the app's on a first start
        shopify.shops().forEach(shop -> shop.installApp(secrets(shopifyId(shop),
                Map.of("accessToken", shop.settings().accessToken()), "accessToken", "webhookSecret").get("accessToken")));
        // Magento's consumer key is a parameter, not a secret: it is random on a first start and kept after that
        magentoConsumerKey = keptParam(MAGENTO, "consumerKey", "");
        Map<String, String> magento = secrets(MAGENTO, "consumerSecret", "accessToken", "accessTokenSecret");
        magentoSimulator.store("default").activate(new MagentoStore.Integration(magentoConsumerKey,
                magento.get("consumerSecret"), magento.get("accessToken"), magento.get("accessTokenSecret")));
        Map<String, String> shopeeSecrets = secrets(SHOPEE, "partnerKey", "accessToken", "refreshToken");
        shopee.renewPartnerKey(shopeeSecrets.get("partnerKey"));
        // the pair the hub last renewed: a refresh token is single-use, so only the stored one may still be spent
        shopee.shop(ShopeeSandboxConfiguration.SHOP_ID).authorise(shopeeSecrets.get("accessToken"),
                shopeeSecrets.get("refreshToken"));
        for (StripeAccount account : stripe.accounts()) {
            account.rollKeys(List.of(StripeAccount.ApiKey.full(secrets(stripeId(account), "secretKey", "webhookSecret")
                    .get("secretKey"))));
        }
        Map<String, String> lazadaSecrets = secrets(LAZADA, "appSecret", "accessToken", "refreshToken");
        lazada.seller(LazadaSandboxConfiguration.DEMO_SELLER_ID).authorise(
                new LazadaSeller.App(LazadaSandboxConfiguration.DEMO_APP_KEY, lazadaSecrets.get("appSecret")),
                lazadaSecrets.get("accessToken"), lazadaSecrets.get("refreshToken"));
        wooConsumerKey = keptParam(WOOCOMMERCE, "consumerKey", "ck_");
        woo.store().issueKeys(List.of(new WooStore.ApiKey(wooConsumerKey,
                secrets(WOOCOMMERCE, "consumerSecret", "webhookSecret").get("consumerSecret"), "read")));
        Map<String, String> haravanSecrets = secrets(HARAVAN, "clientSecret", "accessToken", "refreshToken");
        haravan.accounts().resetSecret(haravanSecrets.get("clientSecret"));
        // the pair the hub last renewed: Haravan's refresh tokens rotate and are single-use too
        haravan.accounts().install(HaravanSandboxConfiguration.DEMO_ORG_ID, HaravanSandboxConfiguration.SCOPES,
                haravanSecrets.get("accessToken"), haravanSecrets.get("refreshToken"));
        // the targets: each simulator takes back the key its demo connection stored
        KlaviyoAccount k = klaviyo.account();
        klaviyo.use(new KlaviyoAccount(secrets(KLAVIYO, Map.of("apiKey", k.apiKey()), "apiKey").get("apiKey"),
                k.burstPerSecond(), k.steadyPerMinute()));
        mailchimp.useApiKey(secrets(MAILCHIMP, Map.of("apiKey", mailchimp.account().apiKey()), "apiKey").get("apiKey"));
        HubSpotAccount h = hubspot.account();
        hubspot.use(new HubSpotAccount(secrets(HUBSPOT, Map.of("accessToken", h.token()), "accessToken")
                .get("accessToken"), h.portalId(), h.requestsPerTenSeconds()));
        hooks.useSecret(HOOK_RECEIVER, secrets(HOOK, Map.of("signingSecret", hooks.receiver(HOOK_RECEIVER).secret()),
                "signingSecret").get("signingSecret"));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void start() {
        shopify.shops().forEach(shop -> {
            String id = shopifyId(shop);
            // the shop announces its changes by webhook, as an installed app subscribes; the schedule catches the rest
            shopifyWebhooks.subscribe(shop, webhookUrl("shopify", id),
                    secrets.get(id).get("webhookSecret"), ShopifyWebhooks.ANNOUNCED);
            demo(id, "shopify", shop.settings().name(), "http://localhost:" + port + "/sandbox/shopify/" + shop.domain(),
                    Map.of("shop", shop.domain(), "defaultRegion", shop.settings().currencyCode().equals("VND") ? "VN" : "US"),
                    STREAMS);
        });
        demo(MAGENTO, "magento", "Magento demo store", LOCAL + port + MagentoSandboxConfiguration.MOUNT,
                Map.of("consumerKey", magentoConsumerKey, "baseCurrency", "VND"), MAGENTO_STREAMS);
        String shopeeCallback = webhookUrl("shopee", SHOPEE).toString();
        shopeePush.subscribe(shopee.shop(ShopeeSandboxConfiguration.SHOP_ID), shopeeCallback,
                secrets.get(SHOPEE).get("partnerKey"));
        demo(SHOPEE, "shopee", "Shopee demo shop", "http://localhost:" + port + ShopeeSandboxConfiguration.MOUNT,
                Map.of("partnerId", ShopeeSandboxConfiguration.PARTNER_ID, "shopId", ShopeeSandboxConfiguration.SHOP_ID,
                        "callbackUrl", shopeeCallback),
                SHOPEE_STREAMS);
        for (StripeAccount account : stripe.accounts()) {
            String id = stripeId(account);
            stripeWebhooks.subscribe(account, webhookUrl("stripe", id),
                    secrets.get(id).get("webhookSecret"));
            demo(id, "stripe", "Stripe demo account (" + account.currency().toUpperCase() + ")",
                    "http://localhost:" + port + StripeSandboxConfiguration.MOUNT,
                    // the account takes the payments of the shop in its currency: its orders show them
                    Map.of("defaultRegion", account.currency().equals("vnd") ? "VN" : "US",
                            "ordersConnection", "demo-shopify" + (account.currency().equals("vnd") ? "" : "-" + account.currency())),
                    STRIPE_STREAMS);
        }
        lazadaPushes.subscribe(webhookUrl("lazada", LAZADA));
        demo(LAZADA, "lazada", "Lazada demo seller (lazada_vn)", LOCAL + port + LazadaSandboxConfiguration.GATEWAY,
                Map.of("appKey", LazadaSandboxConfiguration.DEMO_APP_KEY,
                        "authBaseUrl", LOCAL + port + LazadaSandboxConfiguration.AUTH_HOST),
                LAZADA_STREAMS);
        wooWebhooks.subscribe(woo.store(), webhookUrl("woocommerce", WOOCOMMERCE),
                secrets.get(WOOCOMMERCE).get("webhookSecret"), WooWebhooks.ALL);
        demo(WOOCOMMERCE, "woocommerce", "WooCommerce demo store", LOCAL + port + WooCommerceSandboxConfiguration.MOUNT,
                Map.of("consumerKey", wooConsumerKey), WOOCOMMERCE_STREAMS);
        // the app's client secret also signs Haravan's webhooks
        haravanWebhooks.subscribe(haravan.shop(HaravanSandboxConfiguration.DEMO_ORG_ID),
                webhookUrl("haravan", HARAVAN), secrets.get(HARAVAN).get("clientSecret"),
                HaravanWebhooks.ALL);
        demo(HARAVAN, "haravan", "Haravan demo shop", LOCAL + port + HaravanSandboxConfiguration.MOUNT,
                Map.of("clientId", HaravanSandboxConfiguration.DEMO_CLIENT_ID,
                        "authBaseUrl", LOCAL + port + HaravanSandboxConfiguration.MOUNT), HARAVAN_STREAMS);
        // every change fans out to the simulated marketing tools, the CRM and the merchant's own endpoint
        destination(KLAVIYO, "klaviyo", "Klaviyo demo account", LOCAL + port + "/sandbox/klaviyo", Map.of(),
                Set.of("profiles", "consent", "events", "erasures"));
        MailchimpAccount m = mailchimp.account();
        destination(MAILCHIMP, "mailchimp", "Mailchimp demo audience", LOCAL + port + "/sandbox/mailchimp/3.0",
                Map.of("dataCenter", m.dc(), "listId", m.listId(), "storeId", m.storeId()),
                Set.of("profiles", "consent", "orders", "erasures"));
        destination(HUBSPOT, "hubspot", "HubSpot demo portal", LOCAL + port + "/sandbox/hubspot", Map.of(),
                Set.of("profiles", "orders", "erasures"));
        destination(HOOK, "webhook", "The merchant's own endpoint", null,
                Map.of("url", LOCAL + port + "/sandbox/hooks/" + HOOK_RECEIVER), Set.of("orders", "erasures"));
    }

    /** A demo target connection and its destination (the connection's id is the destination's). */
    private void destination(String id, String connector, String name, String baseUrl, Map<String, Object> params,
                             Set<String> deliver) {
        String globalId = connection(id, connector, name, baseUrl, params);
        if (destinations.find(AdminBootstrap.DEFAULT_WORKSPACE, id).isEmpty()) {
            destinations.create(AdminBootstrap.DEFAULT_WORKSPACE, id, globalId, deliver, true);
        }
    }

    private static String shopifyId(ShopifyShop shop) {
        return "demo-shopify" + (shop.settings().currencyCode().equals("VND") ? ""
                : "-" + shop.settings().currencyCode().toLowerCase());
    }

    private static String stripeId(StripeAccount account) {
        return "demo-stripe" + (account.currency().equals("vnd") ? "" : "-" + account.currency());
    }

    /** Where the demo's simulators send a connection's webhooks: the URL form that names the workspace. */
    private URI webhookUrl(String connector, String id) {
        return URI.create(LOCAL + port + "/webhooks/" + connector + "/" + AdminBootstrap.DEFAULT_WORKSPACE + "/" + id);
    }

    /** A demo connection by its API id in the default workspace, where the demo keeps its connections. */
    private Optional<Connection> existing(String id) {
        return connections.findByApiId(AdminBootstrap.DEFAULT_WORKSPACE, id).stream().findFirst();
    }

    /** A parameter that identifies the demo's credentials (a consumer key): random on a first start, kept after that. */
    private String keptParam(String connectionId, String name, String prefix) {
        return existing(connectionId).map(c -> c.params().get(name)).map(String::valueOf)
                .orElseGet(() -> SandboxSecrets.random(prefix));
    }

    /**
     * The demo connection's secrets {@code names}: those an earlier start stored (sealed, and renewed by the hub since,
     * such as Shopee's and Lazada's token pairs), else fresh random ones for this install; kept for this start.
     */
    private Map<String, String> secrets(String connectionId, String... names) {
        return secrets(connectionId, Map.of(), names);
    }

    /** @param fresh what a first start uses for some of the names instead of random values (a simulator's own) */
    private Map<String, String> secrets(String connectionId, Map<String, String> fresh, String... names) {
        Map<String, String> stored = existing(connectionId).map(c -> connections.context(c.id()).secrets())
                .orElse(Map.of());
        Map<String, String> chosen = new HashMap<>();
        for (String name : names) {
            chosen.put(name, stored.getOrDefault(name, fresh.getOrDefault(name, SandboxSecrets.random(""))));
        }
        secrets.put(connectionId, Map.copyOf(chosen));
        return secrets.get(connectionId);
    }

    private void demo(String id, String connector, String name, String baseUrl, Map<String, Object> params,
                      List<String> streams) {
        String globalId = connection(id, connector, name, baseUrl, params);
        SyncJob job = jobs.forConnection(globalId).stream().findFirst()
                .orElseGet(() -> jobs.create(AdminBootstrap.DEFAULT_WORKSPACE, globalId, streams, schedule, true));
        scheduler.schedule(job);
        runs.start(job, "startup").ifPresent(runId -> log.info("Demo sync of {} started: GET /api/runs/{}", id, runId));
    }

    /**
     * The demo connection, created on a first start, or following its simulator to this start's port.
     *
     * @param baseUrl null for a connector whose URL is a parameter of its own (a webhook endpoint's {@code url})
     * @return its global id
     */
    private String connection(String id, String connector, String name, String baseUrl, Map<String, Object> params) {
        Map<String, String> handed = secrets.get(id);
        Optional<Connection> existing = existing(id);
        Map<String, Object> withBase = new HashMap<>(params);
        if (baseUrl != null) {
            withBase.put("baseUrl", baseUrl);
        }
        String globalId;
        if (existing.isEmpty()) {
            globalId = connections.create(new ConnectionDraft(id, AdminBootstrap.DEFAULT_WORKSPACE, connector, name,
                    withBase, handed)).id();
        } else {
            globalId = existing.get().id();
            // the hub restarted on another port: the demo connection's URLs (base URL, Lazada's auth host) must follow
            // its in-process simulator
            Map<String, Object> moved = new HashMap<>(existing.get().params());
            withBase.forEach((key, value) -> {
                if (value.toString().startsWith(LOCAL)) {
                    moved.put(key, value);
                }
            });
            // secrets an earlier start did not store (or an operator removed) were made fresh for this start: keep them
            Map<String, String> stored = connections.context(globalId).secrets();
            Map<String, String> missing = new HashMap<>(handed);
            missing.keySet().removeAll(stored.keySet());
            if (!moved.equals(existing.get().params())) {
                // its own simulators moved with the port: the demo gives the secrets again, as a move requires
                Map<String, String> all = new HashMap<>(stored);
                all.putAll(missing);
                connections.update(existing.get(), new ConnectionDraft(id, existing.get().workspaceId(), null, null, moved, all));
            } else if (!missing.isEmpty()) {
                connections.update(existing.get(), new ConnectionDraft(id, existing.get().workspaceId(), null, null, moved, missing));
            }
        }
        return globalId;
    }
}
