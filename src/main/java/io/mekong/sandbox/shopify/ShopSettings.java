package io.mekong.sandbox.shopify;

import java.time.ZoneId;

/** What identifies and configures one simulated shop. */
public record ShopSettings(String domain, String name, String currencyCode, ZoneId timezone, String accessToken,
                           ThrottlePlan plan) {

    public static final String VN_DOMAIN = "mekong-demo-vn.myshopify.com";
    public static final String VN_TOKEN = "shpat_mekong_demo_vn_0000000000000000";
    public static final String US_DOMAIN = "mekong-demo-us.myshopify.com";
    public static final String US_TOKEN = "shpat_mekong_demo_us_0000000000000000";

    public static ShopSettings demoVietnam() {
        return new ShopSettings(VN_DOMAIN, "Mekong Demo Việt Nam", "VND", ZoneId.of("Asia/Ho_Chi_Minh"), VN_TOKEN,
                ThrottlePlan.STANDARD);
    }

    public static ShopSettings demoUnitedStates() {
        return new ShopSettings(US_DOMAIN, "Mekong Demo US", "USD", ZoneId.of("America/New_York"), US_TOKEN,
                ThrottlePlan.STANDARD);
    }
}
