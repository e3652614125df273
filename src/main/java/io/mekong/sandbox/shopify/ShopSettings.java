package io.mekong.sandbox.shopify;

import io.mekong.sandbox.SandboxSecrets;
import java.time.ZoneId;

/** What identifies and configures one simulated shop. */
public record ShopSettings(String domain, String name, String currencyCode, ZoneId timezone, String accessToken,
                           ThrottlePlan plan) {

    /** Admin API access tokens of custom apps start so. */
    public static final String ACCESS_TOKEN_PREFIX = "shpat_";

    public static final String VN_DOMAIN = "mekong-demo-vn.myshopify.com";
    public static final String US_DOMAIN = "mekong-demo-us.myshopify.com";

    /** The Vietnamese demo shop, with an access token of its own (random, see {@link SandboxSecrets}). */
    public static ShopSettings demoVietnam() {
        return new ShopSettings(VN_DOMAIN, "Mekong Demo Việt Nam", "VND", ZoneId.of("Asia/Ho_Chi_Minh"),
                SandboxSecrets.random(ACCESS_TOKEN_PREFIX), ThrottlePlan.STANDARD);
    }

    /** The US demo shop, with an access token of its own. */
    public static ShopSettings demoUnitedStates() {
        return new ShopSettings(US_DOMAIN, "Mekong Demo US", "USD", ZoneId.of("America/New_York"),
                SandboxSecrets.random(ACCESS_TOKEN_PREFIX), ThrottlePlan.STANDARD);
    }

    /** The same shop once an app holds this access token instead. */
    public ShopSettings withAccessToken(String token) {
        return new ShopSettings(domain, name, currencyCode, timezone, token, plan);
    }

    @Override
    public String toString() {
        return "ShopSettings[" + domain + ", " + currencyCode + ", " + plan + "]";
    }
}
