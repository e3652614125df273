package io.mekong.sandbox.stripe;

import io.mekong.connector.FakeTime;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Seeded test-mode Stripe accounts over small simulated Shopify shops, for the Stripe tests. */
public final class StripeTestAccounts {

    public static final String VND_KEY = "sk_test_51MekongVndAccount000000000000000000000000VND1";
    public static final String USD_KEY = "sk_test_51MekongUsdAccount000000000000000000000000USD1";
    /** A restricted key that may read customers only. */
    public static final String CUSTOMERS_ONLY_KEY = "rk_test_51MekongVndAccountCustomersOnly0000000000000RK01";
    public static final int PAYMENTS = 250;

    private StripeTestAccounts() {
    }

    /** A clock after the seed's last day (the Shopify seed's orders end at its epoch; refunds follow 3 days later). */
    public static FakeTime clockAfterSeed() {
        FakeTime time = new FakeTime();
        time.sleep(Duration.between(time.instant(), ShopifySeed.SEED_EPOCH.plus(Duration.ofDays(10))));
        return time;
    }

    public static StripeAccount vnd(Clock clock, FaultPlan faults) {
        return account("acct_1MekongTestVND", "vnd", ShopSettings.demoVietnam(), List.of(StripeAccount.ApiKey.full(VND_KEY),
                new StripeAccount.ApiKey(CUSTOMERS_ONLY_KEY, Set.of("rak_customer_read"))), clock, faults);
    }

    public static StripeAccount usd(Clock clock) {
        return account("acct_1MekongTestUSD", "usd", ShopSettings.demoUnitedStates(),
                List.of(StripeAccount.ApiKey.full(USD_KEY)), clock, FaultPlan.NONE);
    }

    /** The Shopify shop whose people and orders the account's customers and payments are. */
    public static ShopifyShop shop(ShopSettings settings) {
        ShopifyShop shop = new ShopifyShop(settings, Clock.systemUTC());
        ShopifySeed.populate(shop, 11L, new SeedSize(60, PAYMENTS, 5));
        return shop;
    }

    private static StripeAccount account(String id, String currency, ShopSettings settings, List<StripeAccount.ApiKey> keys,
                                         Clock clock, FaultPlan faults) {
        StripeAccount account = new StripeAccount(id, currency, false, keys, clock, 25, faults);
        StripeSeed.populate(account, shop(settings), 5L, PAYMENTS);
        return account;
    }
}
