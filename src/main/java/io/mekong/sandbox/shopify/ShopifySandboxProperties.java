package io.mekong.sandbox.shopify;

import io.mekong.sandbox.FaultPlan;
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
 */
@ConfigurationProperties("mekong.sandbox.shopify")
public record ShopifySandboxProperties(
        @DefaultValue("20251001") long seed,
        @DefaultValue("1000") int maxQueryCost,
        @DefaultValue("200") int throttledStatus,
        @DefaultValue("0") int mutateEveryPages,
        List<Shop> shops) {

    /**
     * One shop: {@code plan} is standard, advanced, plus or enterprise; sizes are seed row counts.
     */
    public record Shop(String domain, String name, @DefaultValue("USD") String currency,
                       @DefaultValue("UTC") String timezone, String accessToken, @DefaultValue("standard") String plan,
                       @DefaultValue("50") int customers, @DefaultValue("200") int orders,
                       @DefaultValue("30") int products, FaultPlan faults) {

        ShopSettings settings() {
            return new ShopSettings(domain, name == null ? domain : name, currency, java.time.ZoneId.of(timezone),
                    accessToken, ThrottlePlan.named(plan));
        }
    }

    public List<Shop> shopsOrDemo() {
        if (shops != null && !shops.isEmpty()) {
            return shops;
        }
        ShopSettings vn = ShopSettings.demoVietnam();
        ShopSettings us = ShopSettings.demoUnitedStates();
        return List.of(
                new Shop(vn.domain(), vn.name(), vn.currencyCode(), vn.timezone().getId(), vn.accessToken(), "standard",
                        SeedSize.VN_DEFAULT.customers(), SeedSize.VN_DEFAULT.orders(), SeedSize.VN_DEFAULT.products(),
                        FaultPlan.NONE),
                new Shop(us.domain(), us.name(), us.currencyCode(), us.timezone().getId(), us.accessToken(), "standard",
                        SeedSize.US_DEFAULT.customers(), SeedSize.US_DEFAULT.orders(), SeedSize.US_DEFAULT.products(),
                        FaultPlan.NONE));
    }
}
