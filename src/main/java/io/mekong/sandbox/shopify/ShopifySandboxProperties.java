package io.mekong.sandbox.shopify;

import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.SandboxSecrets;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mekong.sandbox.shopify.*}: the simulated shops of the default run.
 *
 * @param seed             seed of the demo data (same seed, same data)
 * @param maxQueryCost     single-query cost limit (Shopify: 1000)
 * @param throttledStatus  HTTP status of THROTTLED answers (Shopify: 200; 429 to test the other behaviour)
 * @param mutateEveryPages edit two just-served records every N connection pages (0 = off)
 * @param shops            the shops; empty means the two demo shops (VND and USD)
 * @param demoPlan         throttle plan of the demo shops. Shopify charges ~46 points per fully read order, so a
 *                         first full read of 2,000 orders takes ~15 minutes at a Standard shop's 100 points/s and
 *                         ~46 s at Enterprise's 2,000/s; the demo uses the latter so data flows within a minute
 */
@ConfigurationProperties("mekong.sandbox.shopify")
public record ShopifySandboxProperties(
        @DefaultValue("20251001") long seed,
        @DefaultValue("1000") int maxQueryCost,
        @DefaultValue("200") int throttledStatus,
        @DefaultValue("0") int mutateEveryPages,
        List<Shop> shops,
        @DefaultValue("enterprise") String demoPlan) {

    /**
     * One shop: {@code plan} is standard, advanced, plus or enterprise; sizes are seed row counts ({@code checkouts}:
     * abandoned checkouts, made after the other rows, see {@link ShopifyCheckoutSeed}).
     */
    public record Shop(String domain, String name, @DefaultValue("USD") String currency,
                       @DefaultValue("UTC") String timezone, String accessToken, @DefaultValue("standard") String plan,
                       @DefaultValue("50") int customers, @DefaultValue("200") int orders,
                       @DefaultValue("30") int products, FaultPlan faults, @DefaultValue("0") int checkouts) {

        /** Without an {@code access-token} the shop makes a random one (the demo installs its own app anyway). */
        ShopSettings settings() {
            return new ShopSettings(domain, name == null ? domain : name, currency, java.time.ZoneId.of(timezone),
                    accessToken == null ? SandboxSecrets.random(ShopSettings.ACCESS_TOKEN_PREFIX) : accessToken,
                    ThrottlePlan.named(plan));
        }
    }

    /** Abandoned checkouts of the demo shops, so that the default run has carts to recover. */
    static final int DEMO_CHECKOUTS_VN = 150;
    static final int DEMO_CHECKOUTS_US = 20;

    public List<Shop> shopsOrDemo() {
        if (shops != null && !shops.isEmpty()) {
            return shops;
        }
        ShopSettings vn = ShopSettings.demoVietnam();
        ShopSettings us = ShopSettings.demoUnitedStates();
        return List.of(
                new Shop(vn.domain(), vn.name(), vn.currencyCode(), vn.timezone().getId(), vn.accessToken(), demoPlan,
                        SeedSize.VN_DEFAULT.customers(), SeedSize.VN_DEFAULT.orders(), SeedSize.VN_DEFAULT.products(),
                        FaultPlan.NONE, DEMO_CHECKOUTS_VN),
                new Shop(us.domain(), us.name(), us.currencyCode(), us.timezone().getId(), us.accessToken(), demoPlan,
                        SeedSize.US_DEFAULT.customers(), SeedSize.US_DEFAULT.orders(), SeedSize.US_DEFAULT.products(),
                        FaultPlan.NONE, DEMO_CHECKOUTS_US));
    }
}
