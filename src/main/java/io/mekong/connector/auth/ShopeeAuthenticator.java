package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Shopee Open Platform v2 request signing: {@code partner_id}, {@code timestamp} (seconds, valid 5 minutes) and
 * {@code sign} = lowercase hex HMAC-SHA256(partner key, partner_id + api path + timestamp [+ access_token + shop_id])
 * as query parameters. Without an access token (the token endpoints) only the public part is signed.
 */
public final class ShopeeAuthenticator implements Authenticator {

    private final String partnerId;
    private final String partnerKey;
    private final String accessToken;
    private final String shopId;
    private final String basePath;
    private final Clock clock;

    public ShopeeAuthenticator(String partnerId, String partnerKey, String accessToken, String shopId, String basePath,
                               Clock clock) {
        this.partnerId = partnerId;
        this.partnerKey = partnerKey;
        this.accessToken = blankToNull(accessToken);
        this.shopId = blankToNull(shopId);
        this.basePath = basePath;
        this.clock = clock;
    }

    @Override
    public HttpCall authenticate(HttpCall call) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String base = partnerId + ApiPath.of(call, basePath) + timestamp
                + (accessToken == null ? "" : accessToken + (shopId == null ? "" : shopId));
        HttpCall signed = call.withQueryParam("partner_id", partnerId).withQueryParam("timestamp", timestamp);
        if (accessToken != null) {
            signed = signed.withQueryParam("access_token", accessToken);
            if (shopId != null) {
                signed = signed.withQueryParam("shop_id", shopId);
            }
        }
        return signed.withQueryParam("sign", HexFormat.of().formatHex(Hmac.sha256(partnerKey, base)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "ShopeeAuthenticator[partner " + partnerId + (shopId == null ? "" : ", shop " + shopId) + "]";
    }
}
