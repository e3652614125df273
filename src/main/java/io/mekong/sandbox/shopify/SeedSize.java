package io.mekong.sandbox.shopify;

/** How many rows the seed generator creates for one shop. */
public record SeedSize(int customers, int orders, int products) {

    public static final SeedSize VN_DEFAULT = new SeedSize(500, 2000, 200);
    public static final SeedSize US_DEFAULT = new SeedSize(50, 200, 30);
}
