package io.mekong.sandbox.woocommerce;

import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.shopify.MutableClock;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Small deterministic WooCommerce stores for tests: the people of a small Vietnamese Shopify seed. */
public final class WooTestStores {

    public static final WooStore.ApiKey READ_KEY = new WooStore.ApiKey("ck_test_read", "cs_test_read", "read");
    public static final WooStore.ApiKey WRITE_ONLY_KEY = new WooStore.ApiKey("ck_test_write", "cs_test_write", "write");
    public static final Instant START = Instant.parse("2025-06-01T00:00:00Z");

    private WooTestStores() {
    }

    public static WooStore store(Clock clock, int customers, int orders, FaultPlan faults) {
        ShopifyShop people = new ShopifyShop(ShopSettings.demoVietnam(), Clock.systemUTC());
        ShopifySeed.populate(people, 11L, new SeedSize(60, 10, 5));
        WooStore store = new WooStore("https://shop.test.vn", ZoneId.of("Asia/Ho_Chi_Minh"), "VND",
                List.of(READ_KEY, WRITE_ONLY_KEY), clock, faults);
        WooSeed.populate(store, people, 7L, customers, orders, START);
        return store;
    }

    public static MutableClock clock() {
        return new MutableClock(Instant.parse("2025-12-01T00:00:00Z"));
    }
}
