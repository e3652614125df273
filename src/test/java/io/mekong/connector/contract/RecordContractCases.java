package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.FakeTime;
import io.mekong.connector.Page;
import io.mekong.connector.contract.Recorder.Scenario;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SandboxHttpServer;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.haravan.HaravanAccounts;
import io.mekong.sandbox.haravan.HaravanSandboxConfiguration;
import io.mekong.sandbox.haravan.HaravanSeed;
import io.mekong.sandbox.haravan.HaravanShop;
import io.mekong.sandbox.haravan.HaravanSimulator;
import io.mekong.sandbox.lazada.LazadaPushSender;
import io.mekong.sandbox.lazada.LazadaSeed;
import io.mekong.sandbox.lazada.LazadaSeller;
import io.mekong.sandbox.lazada.LazadaSimulator;
import io.mekong.sandbox.magento.MagentoSeed;
import io.mekong.sandbox.magento.MagentoSimulator;
import io.mekong.sandbox.magento.MagentoStore;
import io.mekong.sandbox.shopee.ShopeeSeed;
import io.mekong.sandbox.shopee.ShopeeShop;
import io.mekong.sandbox.shopee.ShopeeSimulator;
import io.mekong.sandbox.SandboxPeople;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopifyCheckoutSeed;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifyGraphQL;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ShopifySimulator;
import io.mekong.sandbox.shopify.ThrottlePlan;
import io.mekong.sandbox.stripe.StripeAccount;
import io.mekong.sandbox.stripe.StripeSeed;
import io.mekong.sandbox.stripe.StripeSimulator;
import io.mekong.sandbox.woocommerce.WooCommerceSimulator;
import io.mekong.sandbox.woocommerce.WooSeed;
import io.mekong.sandbox.woocommerce.WooStore;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records the contract cases of the seven connectors against their simulators (test scope, run by hand):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.mekong.connector.contract.RecordContractCases [connector...]}
 * after {@code ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}. It rewrites
 * {@code connectors/<name>.tests/*.yaml}; read the diff before committing it.
 */
public final class RecordContractCases {

    private static final String SERVER = RecordedExchange.SERVER;
    private final Recorder recorder = new Recorder();

    public static void main(String[] args) throws IOException {
        List<String> only = Arrays.asList(args);
        RecordContractCases cases = new RecordContractCases();
        for (String connector : List.of("shopify", "shopee", "lazada", "magento", "stripe", "woocommerce", "haravan")) {
            if (only.isEmpty() || only.contains(connector)) {
                switch (connector) {
                    case "shopify" -> cases.shopify();
                    case "shopee" -> cases.shopee();
                    case "lazada" -> cases.lazada();
                    case "magento" -> cases.magento();
                    case "stripe" -> cases.stripe();
                    case "woocommerce" -> cases.woocommerce();
                    default -> cases.haravan();
                }
            }
        }
    }

    private static EngineCall fetch(String stream, JsonNode checkpoint) {
        return new EngineCall("fetch", stream, checkpoint, List.of());
    }

    private static EngineCall lookup(String stream, String... keys) {
        return new EngineCall("lookup", stream, null, List.of(keys));
    }

    /** People for the marketplaces' buyers: a small Shopify seed, as the simulator tests use. */
    private static ShopifyShop people(int customers) {
        ShopifyShop people = new ShopifyShop(new ShopSettings("people.myshopify.com", "People", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), "shpat_people", ThrottlePlan.UNMETERED), Clock.systemUTC());
        ShopifySeed.populate(people, 11L, new SeedSize(customers, 10, 8));
        return people;
    }

    /** The stream's first page as a sync would read it now, without a checkpoint (not recorded). */
    private static Page firstPage(HttpSimulator simulator, Instant now, ConnectionContext connection, String stream) {
        try (SandboxHttpServer server = SandboxHttpServer.start(simulator)) {
            CaseClock clock = new CaseClock(now);
            ConnectorEngine engine = new ConnectorEngine(ConnectorRegistry.load(ContractCase.CONNECTORS), clock, clock);
            return engine.fetch(Recorder.atServer(connection, server.baseUrl()), stream, null, null);
        }
    }

    /** The connection with one secret set to another value. */
    private static ConnectionContext withSecret(ConnectionContext connection, String name, String value) {
        Map<String, String> secrets = new TreeMap<>(connection.secrets());
        secrets.put(name, value);
        return connection.withSecrets(secrets);
    }

    private static List<String> ids(Page page) {
        return page.records().stream().map(r -> r.get("id").asText()).toList();
    }

    /** The simulator, except that its {@code nth} answer (from 1) is HTTP 429 with {@code Retry-After: seconds}. */
    private static HttpSimulator throttledOnce(HttpSimulator simulator, int nth, int seconds, String body) {
        return throttledOnce(simulator, nth, seconds, body, Map.of());
    }

    /** As above, the 429 carrying {@code headers} too (a vendor's own call-limit header). */
    private static HttpSimulator throttledOnce(HttpSimulator simulator, int nth, int seconds, String body,
                                               Map<String, String> headers) {
        AtomicInteger count = new AtomicInteger();
        return (method, path, sent, bytes) -> {
            if (count.incrementAndGet() != nth) {
                return simulator.handle(method, path, sent, bytes);
            }
            SimulatorResponse refused = SimulatorResponse.json(429, body).withHeader("Retry-After", Integer.toString(seconds));
            for (Map.Entry<String, String> header : new TreeMap<>(headers).entrySet()) {
                refused = refused.withHeader(header.getKey(), header.getValue());
            }
            return refused;
        };
    }

    // ---- Shopify: GraphQL Admin API, orders three a page

    /** The token the recorded Shopify cases carry (the demo shop's own is random at each start). */
    private static final String SHOPIFY_TOKEN = "shpat_mekong_demo_vn_0000000000000000";

    private void shopify() throws IOException {
        Instant now = ShopifySeed.SEED_EPOCH.plus(Duration.ofDays(10));
        record Shop(FakeTime time, ShopifyShop shop, ShopifySimulator simulator) {
        }
        Function<FaultPlan, Shop> shop = faults -> {
            FakeTime time = new FakeTime(now);
            // unmetered: with a cost bucket running short the engine waits for the bucket's refill, not for Retry-After
            ShopSettings vn = ShopSettings.demoVietnam();
            ShopSettings settings = new ShopSettings(vn.domain(), vn.name(), vn.currencyCode(), vn.timezone(),
                    SHOPIFY_TOKEN, faults == FaultPlan.NONE ? vn.plan() : ThrottlePlan.UNMETERED);
            ShopifyShop s = new ShopifyShop(settings, time, FaultInjector.sleeping(faults));
            ShopifySeed.populate(s, 11L, new SeedSize(6, 7, 2));
            return new Shop(time, s, new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(s)));
        };
        ConnectionContext connection = new ConnectionContext("", "ws", "shopify",
                Map.of("shop", ShopSettings.VN_DOMAIN, "baseUrl", SERVER + "/" + ShopSettings.VN_DOMAIN, "currency", "VND"),
                Map.of("accessToken", SHOPIFY_TOKEN));

        Shop paging = shop.apply(FaultPlan.NONE);
        recorder.record(new Scenario("shopify", "orders-first-run-three-pages",
                "A first run reads the shop's 7 orders three a page (the spec's page size) by the GraphQL pageInfo cursor; "
                        + "the records are checked by the fields listed.",
                paging.time(), paging.simulator(), connection, fetch("orders", null))
                .expectingFields("id", "name", "updatedAt", "displayFinancialStatus", "totalPriceSet"));

        Shop incremental = shop.apply(FaultPlan.NONE);
        JsonNode checkpoint = firstPage(incremental.simulator(), now, connection, "orders").checkpoint();
        recorder.record(new Scenario("shopify", "orders-from-checkpoint",
                "A run from a checkpoint asks only for orders updated since it, less the 5 minute lookback; the checkpoint "
                        + "moves to the newest updatedAt read.",
                incremental.time(), incremental.simulator(), connection, fetch("orders", checkpoint)));

        Shop throttled = shop.apply(FaultPlan.NONE.withThrottleEveryNth(2, 2.0));
        recorder.record(new Scenario("shopify", "orders-throttled-429-retry-after",
                "Shopify answers every second request 429 with Retry-After: 2; the engine waits the 2 seconds and sends "
                        + "the same request again.",
                throttled.time(), throttled.simulator(), connection, fetch("orders", null)));

        Shop revoked = shop.apply(FaultPlan.NONE);
        recorder.record(new Scenario("shopify", "orders-invalid-token-401",
                "A revoked access token: HTTP 401, not retried, and the error names the request and Shopify's text.",
                revoked.time(), revoked.simulator(), new ConnectionContext("", "ws", "shopify", connection.params(),
                Map.of("accessToken", "shpat_revoked")), fetch("orders", null)));

        Shop carts = shop.apply(FaultPlan.NONE);
        ShopifyCheckoutSeed.populate(carts.shop(), 11L, 20, SandboxPeople.UNRECORDED);
        recorder.record(new Scenario("shopify", "checkouts-first-run-two-pages",
                "A first run reads the shop's 20 abandoned checkouts, recovered ones included, 16 a page by id (the API "
                        + "sorts checkouts by id or creation only); the checkpoint moves to the newest updatedAt only "
                        + "once the run is read (an unordered cursor).",
                carts.time(), carts.simulator(), connection, fetch("checkouts", null))
                .expectingFields("id", "updatedAt", "completedAt", "customer", "totalPriceSet"));

        Shop lookups = shop.apply(FaultPlan.NONE);
        List<String> ids = lookups.shop().orders().stream().limit(2).map(o -> "gid://shopify/Order/" + o.id()).toList();
        recorder.record(new Scenario("shopify", "orders-lookup-by-id",
                "Orders read again by id (a webhook names them) with the nodes query, completed as listed ones are.",
                lookups.time(), lookups.simulator(), connection, lookup("orders", ids.toArray(String[]::new))));
    }

    // ---- Shopee: v2 signed calls, 15-day windows, order detail and escrow, renewed tokens

    private void shopee() throws IOException {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        ShopeeSimulator.Partner partner = new ShopeeSimulator.Partner(2_001_887L, "partner-key-contract");
        long shopId = 600_001L;
        ShopifyShop people = people(40);
        record Shop(FakeTime time, ShopeeShop shop, ShopeeSimulator simulator) {
        }
        Function<Consumer<ShopeeShop>, Shop> shop = setup -> {
            FakeTime time = new FakeTime(now);
            ShopeeShop s = new ShopeeShop(shopId, "VN", "VND", "access-token-1", "refresh-token-1", ShopeeShop.Budget.DEFAULT, time);
            ShopeeSeed.populate(s, people, 7L, 4, now, Duration.ofDays(20));
            setup.accept(s);
            return new Shop(time, s, new ShopeeSimulator(partner, List.of(s), time));
        };
        Map<String, Object> params = Map.of("baseUrl", SERVER, "partnerId", 2_001_887, "shopId", (int) shopId);
        ConnectionContext connection = new ConnectionContext("", "ws", "shopee", params,
                Map.of("partnerKey", partner.partnerKey(), "accessToken", "access-token-1", "refreshToken", "refresh-token-1"));
        JsonNode twentyDaysAgo = ContractYaml.JSON.createObjectNode().put("cursor", now.minus(Duration.ofDays(20)).toString());
        JsonNode fiveDaysAgo = ContractYaml.JSON.createObjectNode().put("cursor", now.minus(Duration.ofDays(5)).toString());

        Shop windows = shop.apply(s -> { });
        recorder.record(new Scenario("shopee", "orders-two-windows-from-checkpoint",
                "From a checkpoint 20 days back the run reads two windows (Shopee allows 15 days a request), each a page "
                        + "from the checkpoint less the 10 minute lookback; each order is completed by get_order_detail and "
                        + "its escrow; the last checkpoint is the run's start.",
                windows.time(), windows.simulator(), connection, fetch("orders", twentyDaysAgo)));

        Shop busy = shop.apply(s -> ShopeeSeed.populate(s, people, 8L, 101, now, Duration.ofDays(4)));
        recorder.record(new Scenario("shopee", "orders-two-pages-by-next-cursor",
                "102 orders updated in the last 5 days: the window's first page has 100 with more=true, the next one "
                        + "(2 orders) is asked with next_cursor; details and escrow 50 orders a request. The answers keep a few fields.",
                busy.time(), busy.simulator(), connection, fetch("orders", fiveDaysAgo)).trimming(
                        FieldTrim.keep("response/order_list/*", "order_sn", "order_status", "update_time", "total_amount", "currency"),
                        FieldTrim.keep("response/*/escrow_detail", "order_sn", "buyer_user_name")));

        Shop pushed = shop.apply(s -> { });
        recorder.record(new Scenario("shopee", "order-read-again-by-sn",
                "An order a push names, read again by its order_sn through the stream's details: get_order_detail, then "
                        + "its escrow.",
                pushed.time(), pushed.simulator(), connection,
                lookup("orders", pushed.shop().orders().get(0).get("order_sn").asText())));

        Shop throttled = shop.apply(s -> s.faults(FaultPlan.NONE.withThrottleEveryNth(2, 1.0)));
        recorder.record(new Scenario("shopee", "orders-throttled-then-retried",
                "Shopee refuses every second call with HTTP 429 error_too_many_request and no Retry-After: the engine "
                        + "backs off (a drawn wait) and sends the same signed request again.",
                throttled.time(), throttled.simulator(), connection, fetch("orders", fiveDaysAgo)));

        Shop wrongKey = shop.apply(s -> { });
        recorder.record(new Scenario("shopee", "orders-wrong-partner-key",
                "A wrong partner key: Shopee answers 403 error_sign, which is neither retried nor a reason to renew the token.",
                wrongKey.time(), wrongKey.simulator(), new ConnectionContext("", "ws", "shopee", params,
                Map.of("partnerKey", "not-the-partner-key", "accessToken", "access-token-1", "refreshToken", "refresh-token-1")),
                fetch("orders", fiveDaysAgo)));

        Shop renewal = shop.apply(s -> { });
        recorder.record(new Scenario("shopee", "orders-rejected-token-renewed",
                "The access token held is no longer valid: error_auth, then one renewal at /auth/access_token/get with the "
                        + "refresh token (a public call, signed without token and shop), the new access and refresh tokens "
                        + "saved, and the read sent again with the new token.",
                renewal.time(), renewal.simulator(), new ConnectionContext("", "ws", "shopee", params,
                Map.of("partnerKey", partner.partnerKey(), "accessToken", "access-token-0", "refreshToken", "refresh-token-1")),
                fetch("orders", fiveDaysAgo)));
    }

    // ---- Lazada: lazop signed calls, offset paging, item rows, GetOrder lookups, renewed tokens

    private void lazada() throws IOException {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        LazadaSeller.App app = new LazadaSeller.App("112233", "lazada-contract-app-secret");
        ShopifyShop people = people(40);
        record Seller(FakeTime time, LazadaSeller seller, LazadaSimulator simulator) {
        }
        BiFunction<Integer, FaultPlan, Seller> seller = (orders, faults) -> {
            FakeTime time = new FakeTime(now);
            LazadaSeller s = new LazadaSeller(app, "200012345", "lazada_vn", "50000contract-access", "50001contract-refresh",
                    new LazadaPushSender(null, time), time);
            LazadaSeed.populate(s, people, 5L, orders);
            LazadaSimulator.Limits limits = LazadaSimulator.Limits.DEFAULT.withFaults(faults);
            return new Seller(time, s, new LazadaSimulator(List.of(s), limits, time));
        };
        Map<String, Object> params = Map.of("appKey", app.appKey(), "baseUrl", SERVER + "/rest", "authBaseUrl", SERVER + "/auth/rest");
        Map<String, String> secrets = Map.of("appSecret", app.appSecret(), "accessToken", "50000contract-access",
                "refreshToken", "50001contract-refresh");
        ConnectionContext connection = new ConnectionContext("", "ws", "lazada", params, secrets);

        Seller paging = seller.apply(101, FaultPlan.NONE);
        recorder.record(new Scenario("lazada", "orders-first-run-two-pages",
                "A first run from syncFrom: 100 orders (the page size), then the 101st at offset 100, where countTotal "
                        + "ends the run; item rows fetched 50 orders a request. The answers keep a few fields of each order and item.",
                paging.time(), paging.simulator(), connection, fetch("orders", null)).trimming(
                        FieldTrim.keep("data/orders/*", "order_id", "created_at", "updated_at", "statuses", "price", "items_count"),
                        FieldTrim.keep("data/*/order_items/*", "order_item_id", "order_id", "sku", "item_price", "status")));

        Seller incremental = seller.apply(6, FaultPlan.NONE);
        JsonNode checkpoint = firstPage(incremental.simulator(), now, connection, "orders").checkpoint();
        Seller changed = seller.apply(6, FaultPlan.NONE);
        String cancelled = changed.seller().orderIds().get(0);
        changed.time().sleep(Duration.ofHours(1));
        changed.seller().cancel(cancelled, "Out of stock");
        recorder.record(new Scenario("lazada", "orders-from-checkpoint",
                "A run from the checkpoint of a first run, an hour later, after the seller cancelled an order: "
                        + "update_after is the checkpoint less the 2 minute lookback, and the cancelled order comes back.",
                changed.time(), changed.simulator(), connection, fetch("orders", checkpoint)));

        Seller throttled = seller.apply(3, FaultPlan.NONE.withThrottleEveryNth(2, 1.0));
        recorder.record(new Scenario("lazada", "orders-throttled-api-call-limit",
                "Lazada answers every second call with code ApiCallLimit (HTTP 200): the engine backs off and sends the "
                        + "same signed request again.",
                throttled.time(), throttled.simulator(), connection, fetch("orders", null)));

        Seller wrongSecret = seller.apply(3, FaultPlan.NONE);
        recorder.record(new Scenario("lazada", "orders-wrong-app-secret",
                "A wrong app secret: Lazada's IncompleteSignature, not retried, named in the error.",
                wrongSecret.time(), wrongSecret.simulator(), new ConnectionContext("", "ws", "lazada", params,
                Map.of("appSecret", "not-the-app-secret", "accessToken", "50000contract-access", "refreshToken", "50001contract-refresh")),
                fetch("orders", null)));

        Seller renewal = seller.apply(3, FaultPlan.NONE);
        recorder.record(new Scenario("lazada", "orders-rejected-token-renewed",
                "An access token Lazada no longer knows: IllegalAccessToken, one renewal at the auth host's "
                        + "/auth/token/refresh, the new tokens saved, and the read sent again with the new one.",
                renewal.time(), renewal.simulator(), new ConnectionContext("", "ws", "lazada", params,
                Map.of("appSecret", app.appSecret(), "accessToken", "50000expired-access", "refreshToken", "50001contract-refresh")),
                fetch("orders", null)));

        Seller lookups = seller.apply(3, FaultPlan.NONE);
        recorder.record(new Scenario("lazada", "order-lookup-with-items",
                "An order read again by id (a push names it): GetOrder, then its item rows, coerced as a listed order is.",
                lookups.time(), lookups.simulator(), connection, lookup("orders", lookups.seller().orderIds().get(1))));
    }

    // ---- Magento: OAuth 1.0a, page numbers ended by total_count, sweep key listing

    private void magento() throws IOException {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        MagentoStore.Integration integration = new MagentoStore.Integration("ck_contract", "cs_contract", "at_contract", "ats_contract");
        ShopifyShop people = people(40);
        record Store(FakeTime time, MagentoStore store, HttpSimulator simulator) {
        }
        BiFunction<Integer, Integer, Store> store = (customers, orders) -> {
            FakeTime time = new FakeTime(now);
            MagentoStore s = new MagentoStore("default", integration, false, time);
            MagentoSeed.populate(s, people, 7L, customers, orders);
            return new Store(time, s, new MagentoSimulator(List.of(s), time));
        };
        ConnectionContext connection = new ConnectionContext("", "ws", "magento",
                Map.of("baseUrl", SERVER, "consumerKey", integration.consumerKey()),
                Map.of("consumerSecret", integration.consumerSecret(), "accessToken", integration.accessToken(),
                        "accessTokenSecret", integration.accessTokenSecret()));

        Store paging = store.apply(3, 51);
        recorder.record(new Scenario("magento", "orders-first-run-two-pages",
                "A first run reads 51 orders 50 a page; total_count ends it without asking for a page past the end. "
                        + "The answers keep a few fields of each order.",
                paging.time(), paging.simulator(), connection, fetch("orders", null)).trimming(FieldTrim.keep("items/*",
                        "entity_id", "increment_id", "created_at", "updated_at", "status", "grand_total", "order_currency_code")));

        Store incremental = store.apply(6, 2);
        JsonNode checkpoint = firstPage(incremental.simulator(), now, connection, "customers").checkpoint();
        recorder.record(new Scenario("magento", "customers-from-checkpoint",
                "Customers updated since the checkpoint less the 2 minute lookback (updated_at gteq), newest checkpoint after.",
                incremental.time(), incremental.simulator(), connection, fetch("customers", checkpoint)));

        Store throttled = store.apply(2, 2);
        recorder.record(new Scenario("magento", "customers-throttled-429-retry-after",
                "A 429 with Retry-After: 3 in front of the store (a proxy or rate-limiting module): the engine waits the "
                        + "3 seconds and sends the request again, newly signed.",
                throttled.time(), throttledOnce(throttled.simulator(), 1, 3, "{\"message\":\"Too Many Requests\"}"),
                connection, fetch("customers", null)));

        Store wrongSecret = store.apply(2, 2);
        recorder.record(new Scenario("magento", "orders-wrong-consumer-secret",
                "A wrong consumer secret: Magento's 401 with its message, not retried.",
                wrongSecret.time(), wrongSecret.simulator(), new ConnectionContext("", "ws", "magento", connection.params(),
                Map.of("consumerSecret", "not-the-secret", "accessToken", integration.accessToken(),
                        "accessTokenSecret", integration.accessTokenSecret())), fetch("orders", null)));

        Store sweep = store.apply(5, 1);
        recorder.record(new Scenario("magento", "customers-sweep-keys",
                "A deletion sweep lists every customer id, ids only (fields=items[id],total_count), without the cursor filter.",
                sweep.time(), sweep.simulator(), connection, new EngineCall("keys", "customers", null, List.of())));

        Store lookups = store.apply(5, 1);
        List<String> ids = lookups.store().customers().stream().limit(2).map(c -> c.get("id").asText()).toList();
        recorder.record(new Scenario("magento", "customers-lookup-by-id",
                "Customers read by id (how a sweep confirms a missing one is gone): entity_id in (...), one request.",
                lookups.time(), lookups.simulator(), connection, lookup("customers", ids.get(0), ids.get(1), "999999")));
    }

    // ---- Stripe: bearer secret key, starting_after, newest first, lookups by id

    private void stripe() throws IOException {
        Instant now = ShopifySeed.SEED_EPOCH.plus(Duration.ofDays(10));
        String key = "sk_test_51MekongContractVnd000000000000000000000000001";
        String customersOnly = "rk_test_51MekongContractCustomersOnly0000000000000000001";
        record Account(FakeTime time, StripeAccount account, StripeSimulator simulator) {
        }
        BiFunction<Integer, FaultPlan, Account> account = (customers, faults) -> {
            FakeTime time = new FakeTime(now);
            StripeAccount a = new StripeAccount("acct_1MekongContract", "vnd", false, List.of(StripeAccount.ApiKey.full(key),
                    new StripeAccount.ApiKey(customersOnly, Set.of("rak_customer_read"))), time, 25, faults);
            ShopifyShop shop = new ShopifyShop(ShopSettings.demoVietnam(), Clock.systemUTC());
            ShopifySeed.populate(shop, 11L, new SeedSize(customers, 6, 2));
            StripeSeed.populate(a, shop, 5L, 4);
            return new Account(time, a, new StripeSimulator(List.of(a)));
        };
        ConnectionContext connection = new ConnectionContext("", "ws", "stripe", Map.of("baseUrl", SERVER), Map.of("secretKey", key));

        Account paging = account.apply(150, FaultPlan.NONE);
        recorder.record(new Scenario("stripe", "customers-first-run-two-pages",
                "A first run lists customers newest first, 100 a page, the next page starting_after the last id; the "
                        + "checkpoint is set only with the last page. The answers keep a few fields of each customer.",
                paging.time(), paging.simulator(), connection, fetch("customers", null))
                .trimming(FieldTrim.keep("data/*", "id", "object", "created", "email", "name")));

        Account incremental = account.apply(3, FaultPlan.NONE);
        JsonNode checkpoint = firstPage(incremental.simulator(), now, connection, "payment_intents").checkpoint();
        incremental.time().sleep(Duration.ofHours(1));
        incremental.account().createPaymentIntent(250_000, "vnd", null, null, null, incremental.time().instant());
        recorder.record(new Scenario("stripe", "payment-intents-from-checkpoint",
                "An hour after a first run, a new payment intent: created[gte] is the checkpoint less the 10 minute "
                        + "lookback, and the checkpoint moves to the newest created.",
                incremental.time(), incremental.simulator(), connection, fetch("payment_intents", checkpoint)));

        Account throttled = account.apply(3, FaultPlan.NONE.withThrottleEveryNth(2, 1.0));
        List<String> intents = ids(firstPage(throttled.simulator(), now, connection, "payment_intents"));
        recorder.record(new Scenario("stripe", "payment-intents-lookup-throttled-then-retried",
                "Two payment intents read by id; Stripe refuses every second request with its rate_limit 429 "
                        + "(Stripe-Should-Retry: true, no Retry-After), here the first attempt of each: the engine backs "
                        + "off and sends it again.",
                throttled.time(), throttled.simulator(), connection, lookup("payment_intents", intents.get(0), intents.get(1))));

        Account limited = account.apply(3, FaultPlan.NONE.withThrottleEveryNth(1, 1.0));
        recorder.record(new Scenario("stripe", "customers-rate-limited-until-attempts-run-out",
                "Stripe answers every request 429: the engine tries 8 times (the spec's maxAttempts) with backoff, then "
                        + "fails with Stripe's message.",
                limited.time(), limited.simulator(), connection, fetch("customers", null)));

        Account restricted = account.apply(3, FaultPlan.NONE);
        recorder.record(new Scenario("stripe", "charges-restricted-key-403",
                "A restricted key without charge read permission: 403 with Stripe's message naming the permission.",
                restricted.time(), restricted.simulator(), new ConnectionContext("", "ws", "stripe", Map.of("baseUrl", SERVER),
                Map.of("secretKey", customersOnly)), fetch("charges", null)));

        Account lookups = account.apply(3, FaultPlan.NONE);
        String intent = ids(firstPage(lookups.simulator(), now, connection, "payment_intents")).get(0);
        recorder.record(new Scenario("stripe", "payment-intent-lookup-by-id",
                "A payment intent read by id (an event names it), its latest charge expanded as the list has it.",
                lookups.time(), lookups.simulator(), connection, lookup("payment_intents", intent, "pi_unknown")));
    }

    // ---- WooCommerce: the REST API key as HTTP Basic, Link-header paging, modified_after, each order's notes

    private static final WooStore.ApiKey WOO_KEY = new WooStore.ApiKey("ck_contract_read", "cs_contract_read", "read");

    private void woocommerce() throws IOException {
        Instant now = Instant.parse("2025-06-10T00:00:00Z");
        Instant opened = Instant.parse("2025-06-01T00:00:00Z");
        ShopifyShop people = people(40);
        record Store(FakeTime time, WooStore store, WooCommerceSimulator simulator) {
        }
        Function<Integer, Store> store = orders -> {
            FakeTime time = new FakeTime(now);
            WooStore s = new WooStore("https://shop.contract.vn", ZoneId.of("Asia/Ho_Chi_Minh"), "VND", List.of(), time,
                    FaultPlan.NONE);
            s.issueKeys(List.of(WOO_KEY));
            WooSeed.populate(s, people, 7L, 4, orders, opened);
            return new Store(time, s, new WooCommerceSimulator(s, ""));
        };
        Map<String, Object> params = Map.of("baseUrl", SERVER, "consumerKey", WOO_KEY.consumerKey());
        ConnectionContext connection = new ConnectionContext("", "ws", "woocommerce", params,
                Map.of("consumerSecret", WOO_KEY.consumerSecret()));

        Store paging = store.apply(101);
        recorder.record(new Scenario("woocommerce", "orders-first-run-two-pages",
                "A first run reads 101 orders 100 a page, newest change first; X-WP-Total / X-WP-TotalPages tell the size "
                        + "and the Link header's rel=\"next\" (every parameter kept, page=2) is the next request; there is "
                        + "no rel=next on the last page. Each order's notes come from /orders/{id}/notes, four at a time. "
                        + "The answers keep a few fields of each order and note; the rate limit's waits (10 a second, "
                        + "burst 10) are not expected, as the concurrent notes requests take them in a varying order.",
                paging.time(), paging.simulator(), connection, fetch("orders", null)).trimming(
                        FieldTrim.keep("*", "id", "number", "status", "date_modified_gmt", "total", "currency",
                                "author", "note", "customer_note", "date_created_gmt"))
                .notExpectingSleeps());

        Store incremental = store.apply(6);
        JsonNode checkpoint = firstPage(incremental.simulator(), now, connection, "orders").checkpoint();
        incremental.time().sleep(Duration.ofHours(1));
        long noted = incremental.store().orders().get(2).get("id").asLong();
        incremental.store().addOrderNote(noted, "Khách đổi địa chỉ giao hàng", true);
        recorder.record(new Scenario("woocommerce", "orders-from-checkpoint",
                "An hour after a first run the shop added a note to an order: modified_after is the checkpoint less the "
                        + "2 minute lookback (in GMT, dates_are_gmt=true), so the noted order comes back with its new note, "
                        + "and the newest order of the first run is read again; the checkpoint moves to the noted order's "
                        + "date_modified_gmt.",
                incremental.time(), incremental.simulator(), connection, fetch("orders", checkpoint)));

        Store throttled = store.apply(2);
        recorder.record(new Scenario("woocommerce", "orders-throttled-429-retry-after",
                "The host in front of WordPress answers the first request 429 with Retry-After: 5 (WooCommerce has no "
                        + "limiter of its own): the engine waits the 5 seconds and sends the same request again.",
                throttled.time(), throttledOnce(throttled.simulator(), 1, 5,
                "{\"code\":\"too_many_requests\",\"message\":\"Too many requests. Please slow down.\",\"data\":{\"status\":429}}"),
                connection, fetch("orders", null)));

        Store wrongSecret = store.apply(2);
        recorder.record(new Scenario("woocommerce", "orders-wrong-consumer-secret",
                "A wrong consumer secret: WooCommerce's 401 woocommerce_rest_authentication_error \"Consumer secret is "
                        + "invalid.\", not retried, the secret itself not in the error.",
                wrongSecret.time(), wrongSecret.simulator(), new ConnectionContext("", "ws", "woocommerce", params,
                Map.of("consumerSecret", "cs_not_the_secret")), fetch("orders", null)));

        Store notes = store.apply(3);
        long gone = notes.store().orders().get(1).get("id").asLong();
        WooCommerceSimulator shop = notes.simulator();
        HttpSimulator deleting = (method, path, headers, body) -> {
            SimulatorResponse answer = shop.handle(method, path, headers, body);
            if (path.startsWith(WooCommerceSimulator.API + "/orders?") && answer.status() == 200) {
                notes.store().deleteOrder(gone); // deleted for good between the list and its notes
            }
            return answer;
        };
        recorder.record(new Scenario("woocommerce", "orders-notes-attached-deleted-order-ignored",
                "Each order of the list is completed by its notes (GET /orders/{id}/notes, newest first), attached as "
                        + "notes; an order deleted for good right after the list answers 404 "
                        + "woocommerce_rest_order_invalid_id for its notes, which the spec ignores: that order is kept "
                        + "with no notes and the run goes on.",
                notes.time(), deleting, connection, fetch("orders", null)));

        Store lookups = store.apply(3);
        recorder.record(new Scenario("woocommerce", "order-lookup-by-id",
                "Orders read again by id (a webhook or a sweep names them): GET /orders/{id} one at a time, an id the "
                        + "store does not have answering 404 woocommerce_rest_shop_order_invalid_id (gone, not an error); "
                        + "the order found is completed by its notes as listed ones are.",
                lookups.time(), lookups.simulator(), connection, lookup("orders", "1002", "1999")));
    }

    // ---- Haravan: OAuth 2 bearer tokens renewed with rotating refresh tokens, limit/page paging, lookups by ids

    private void haravan() throws IOException {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        Instant opened = Instant.parse("2025-05-25T00:00:00Z");
        long orgId = 200_000_123L;
        HaravanAccounts.App app = new HaravanAccounts.App("contract-client-id", "contract-client-secret");
        Duration lifetime = HaravanSandboxConfiguration.ACCESS_TOKEN_LIFETIME;
        ShopifyShop people = people(40);
        record Shop(FakeTime time, HaravanShop shop, HaravanSimulator simulator) {
        }
        // the app was installed tokenAge before now: its access token (an hour's life) may have expired since
        BiFunction<Integer, Duration, Shop> shop = (orders, tokenAge) -> {
            FakeTime time = new FakeTime(now.minus(tokenAge));
            HaravanAccounts accounts = new HaravanAccounts(app, time, lifetime);
            accounts.install(orgId, HaravanSandboxConfiguration.SCOPES, "access-token-1", "refresh-token-1");
            time.sleep(tokenAge);
            HaravanShop s = new HaravanShop(orgId, "Contract shop", time, FaultPlan.NONE);
            HaravanSeed.populate(s, people, 5L, 4, orders, opened);
            return new Shop(time, s, new HaravanSimulator(accounts, List.of(s)));
        };
        Map<String, Object> params = Map.of("baseUrl", SERVER, "authBaseUrl", SERVER, "clientId", app.clientId());
        ConnectionContext connection = new ConnectionContext("", "ws", "haravan", params,
                Map.of("clientSecret", app.clientSecret(), "accessToken", "access-token-1", "refreshToken", "refresh-token-1",
                        "accessTokenExpiresAt", now.plus(lifetime).toString()));
        ConnectionContext expiryUnknown = new ConnectionContext("", "ws", "haravan", params,
                Map.of("clientSecret", app.clientSecret(), "accessToken", "access-token-1", "refreshToken", "refresh-token-1"));

        Shop paging = shop.apply(51, Duration.ZERO);
        recorder.record(new Scenario("haravan", "orders-first-run-two-pages",
                "A first run reads 51 orders (status=any) 50 a page, newest first: page 2 is short (1 order), which "
                        + "ends the run without asking for page 3; the checkpoint is the newest updated_at read. The "
                        + "answers keep a few fields of each order.",
                paging.time(), paging.simulator(), connection, fetch("orders", null)).trimming(
                        FieldTrim.keep("orders/*", "id", "name", "created_at", "updated_at", "financial_status",
                                "fulfillment_status", "cancelled_status", "closed_status", "total_price", "currency")));

        Shop incremental = shop.apply(6, Duration.ZERO);
        JsonNode checkpoint = firstPage(incremental.simulator(), now, connection, "orders").checkpoint();
        incremental.time().sleep(Duration.ofMinutes(30));
        long cancelled = incremental.shop().orders().get(1).get("id").asLong();
        incremental.shop().cancelOrder(cancelled, "customer");
        recorder.record(new Scenario("haravan", "orders-from-checkpoint",
                "Half an hour after a first run the merchant cancelled an order: updated_at_min is the checkpoint less "
                        + "the 2 minute lookback, the cancelled order comes back with the newest one of the first run "
                        + "(inside the lookback), and the checkpoint moves to the cancellation's updated_at.",
                incremental.time(), incremental.simulator(), connection, fetch("orders", checkpoint)));

        Shop throttled = shop.apply(3, Duration.ZERO);
        recorder.record(new Scenario("haravan", "orders-throttled-429-retry-after",
                "The shop's leaky bucket is full: 429 with Retry-After: 2 and X-Haravan-Api-Call-Limit: 80/80; the "
                        + "engine waits the 2 seconds and sends the same request again.",
                throttled.time(), throttledOnce(throttled.simulator(), 1, 2, "{\"errors\":\"Exceeded 4 calls per second "
                        + "for api client. Reduce request rates to resume uninterrupted service.\"}",
                Map.of("X-Haravan-Api-Call-Limit", HaravanShop.BUCKET + "/" + HaravanShop.BUCKET)),
                connection, fetch("orders", null)));

        Shop due = shop.apply(3, Duration.ofHours(2));
        recorder.record(new Scenario("haravan", "orders-expired-token-renewed",
                "The access token expired an hour ago (accessTokenExpiresAt is past): before reading, the engine renews it "
                        + "at accounts' /connect/token with the refresh-token grant (client id and secret in the form), "
                        + "saves the new access token, the rotated refresh token and the new expiry, and reads with the "
                        + "new token.",
                due.time(), due.simulator(), withSecret(connection, "accessTokenExpiresAt",
                now.minus(Duration.ofHours(1)).toString()), fetch("orders", null)));

        Shop rejected = shop.apply(3, Duration.ofHours(2));
        recorder.record(new Scenario("haravan", "orders-rejected-token-renewed",
                "A connection whose token expiry is not known: Haravan refuses the expired token with 401 (WWW-Authenticate "
                        + "invalid_token, \"The token is expired\"), the engine renews it once with the refresh token, "
                        + "saves the new tokens and their expiry, and sends the read again with the new token.",
                rejected.time(), rejected.simulator(), expiryUnknown, fetch("orders", null)));

        Shop spent = shop.apply(3, Duration.ofHours(2));
        // another instance renewed with refresh-token-1 and lost the answer: the single-use token is spent
        SimulatorResponse renewedElsewhere = spent.simulator().handle("POST", "/connect/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                ("grant_type=refresh_token&refresh_token=refresh-token-1&client_id=" + app.clientId()
                        + "&client_secret=" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        if (renewedElsewhere.status() != 200) {
            throw new IllegalStateException("the refresh token was not spent: " + renewedElsewhere.status());
        }
        recorder.record(new Scenario("haravan", "orders-spent-refresh-token-refused",
                "The expired token is refused with 401 and the renewal sends a refresh token already spent (Haravan's "
                        + "refresh tokens are single-use): accounts answers 400 invalid_grant, and the call fails naming "
                        + "the refused renewal, without retrying it (the merchant must install the app again).",
                spent.time(), spent.simulator(), expiryUnknown, fetch("orders", null)));

        Shop lookups = shop.apply(6, Duration.ZERO);
        List<String> ids = lookups.shop().orders().stream().skip(1).limit(2).map(o -> o.get("id").asText()).toList();
        recorder.record(new Scenario("haravan", "orders-lookup-by-ids",
                "Orders read again by id (a webhook names them): one request with ids=a,b,c, status=any and limit=250; "
                        + "an id the shop does not have is simply not in the answer.",
                lookups.time(), lookups.simulator(), connection, lookup("orders", ids.get(0), ids.get(1), "1070999999")));
    }
}
