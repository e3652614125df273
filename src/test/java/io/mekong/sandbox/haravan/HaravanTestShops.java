package io.mekong.sandbox.haravan;

import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A small deterministic Haravan shop with the test app installed, for tests. */
public final class HaravanTestShops {

    public static final long ORG_ID = 1000409769L;
    public static final HaravanAccounts.App APP = new HaravanAccounts.App("test-client-id", "test-client-secret");
    public static final String ACCESS_TOKEN = "TESTACCESSTOKEN";
    public static final String REFRESH_TOKEN = "TESTREFRESHTOKEN";
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private HaravanTestShops() {
    }

    public static HaravanSimulator simulator(Clock clock, Duration tokenLifetime, int customers, int orders, FaultPlan faults) {
        ShopifyShop people = new ShopifyShop(ShopSettings.demoVietnam(), Clock.systemUTC());
        ShopifySeed.populate(people, 11L, new SeedSize(60, 10, 5));
        HaravanAccounts accounts = new HaravanAccounts(APP, clock, tokenLifetime);
        accounts.install(ORG_ID, HaravanSandboxConfiguration.SCOPES, ACCESS_TOKEN, REFRESH_TOKEN);
        HaravanShop shop = new HaravanShop(ORG_ID, "Test shop", clock, faults);
        HaravanSeed.populate(shop, people, 5L, customers, orders, START);
        return new HaravanSimulator(accounts, List.of(shop));
    }
}
