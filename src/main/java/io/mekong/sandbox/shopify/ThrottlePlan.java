package io.mekong.sandbox.shopify;

import java.util.Locale;

/** The GraphQL cost bucket of a shop's plan: bucket size and restore rate in points per second. */
public record ThrottlePlan(double maximumAvailable, double restoreRate) {

    public static final ThrottlePlan STANDARD = new ThrottlePlan(2000, 100);
    public static final ThrottlePlan ADVANCED = new ThrottlePlan(4000, 200);
    public static final ThrottlePlan PLUS = new ThrottlePlan(20000, 1000);
    public static final ThrottlePlan ENTERPRISE = new ThrottlePlan(40000, 2000);
    /** Not a Shopify plan: a bucket that never runs dry, for benchmarks that measure the hub, not Shopify's limits. */
    public static final ThrottlePlan UNMETERED = new ThrottlePlan(1e12, 1e12);

    /** {@code standard}, {@code advanced}, {@code plus}, {@code enterprise} or {@code unmetered}. */
    public static ThrottlePlan named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "standard" -> STANDARD;
            case "advanced" -> ADVANCED;
            case "plus" -> PLUS;
            case "enterprise" -> ENTERPRISE;
            case "unmetered" -> UNMETERED;
            default -> throw new IllegalArgumentException(
                    "unknown Shopify plan '" + name + "' (standard, advanced, plus, enterprise, unmetered)");
        };
    }
}
