package io.mekong.sandbox.shopify;

/** The {@code shop} root field. */
record ShopInfo(long id, String name, String myshopifyDomain, String currencyCode, String ianaTimezone)
        implements Identified {

    static ShopInfo of(ShopSettings settings) {
        long id = 60_000_000_000L + Math.floorMod(settings.domain().hashCode(), 1_000_000_000);
        return new ShopInfo(id, settings.name(), settings.domain(), settings.currencyCode(),
                settings.timezone().getId());
    }
}
