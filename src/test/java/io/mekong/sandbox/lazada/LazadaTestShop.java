package io.mekong.sandbox.lazada;

import io.mekong.sandbox.shopify.SeedSize;
import io.mekong.sandbox.shopify.ShopSettings;
import io.mekong.sandbox.shopify.ShopifySeed;
import io.mekong.sandbox.shopify.ShopifyShop;
import io.mekong.sandbox.shopify.ThrottlePlan;
import java.time.Clock;
import java.time.ZoneId;

/** The Lazada seller of the tests: the people and products of a small VND Shopify seed, and the app it authorised. */
final class LazadaTestShop {

    static final LazadaSeller.App APP = new LazadaSeller.App("112233", "lazada-it-app-secret");
    static final String ACCESS_TOKEN = "50000it-access";
    static final String REFRESH_TOKEN = "50001it-refresh";

    private LazadaTestShop() {
    }

    static ShopifyShop people() {
        ShopifyShop shop = new ShopifyShop(new ShopSettings("people.myshopify.com", "People", "VND",
                ZoneId.of("Asia/Ho_Chi_Minh"), "shpat_people", ThrottlePlan.UNMETERED), Clock.systemUTC());
        ShopifySeed.populate(shop, 11L, new SeedSize(40, 10, 8));
        return shop;
    }

    static LazadaSeller seller(Clock clock, int orders) {
        return seller(clock, orders, new LazadaPushSender(null, clock)); // never subscribed: sends nothing
    }

    static LazadaSeller seller(Clock clock, int orders, LazadaPushSender pushes) {
        LazadaSeller seller = new LazadaSeller(APP, "200012345", "lazada_vn", ACCESS_TOKEN, REFRESH_TOKEN, pushes, clock);
        LazadaSeed.populate(seller, people(), 5L, orders);
        return seller;
    }
}
