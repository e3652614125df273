package io.mekong.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.http.HttpCall;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the RFC 5849 worked example for the OAuth base string, the Lazada documentation's example, and
 * signatures computed independently (Python's hmac/hashlib, with the vendors' published algorithms) for the rest.
 */
class RequestSignersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_735_689_600L), ZoneOffset.UTC);

    @Test
    void oauth1BaseStringIsTheRfc5849WorkedExample() {
        HttpCall call = new HttpCall("POST", URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "c2&a3=2+q", Set.of());
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", "9djdj82h48djs9d2");
        oauth.put("oauth_token", "kkk9d7dh3k39sjv7");
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", "137131201");
        oauth.put("oauth_nonce", "7d8f3e4a");

        assertThat(OAuth1Authenticator.signatureBase(call, oauth)).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest"
                + "&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key"
                + "%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp"
                + "%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void oauth1SignsAMagentoSearchWithHmacSha256() {
        HttpCall call = new HttpCall("GET", URI.create("https://shop.example.com/rest/default/V1/orders"), Map.of(), null, Set.of())
                .withQueryParam("searchCriteria[pageSize]", "100")
                .withQueryParam("searchCriteria[currentPage]", "2")
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", "2025-01-01 00:00:00");

        HttpCall signed = new OAuth1Authenticator("ck_123", "cs_secret", "at_456", "ts_secret", CLOCK, () -> "abc123")
                .authenticate(call);

        assertThat(signed.uri().getRawQuery()).isEqualTo("searchCriteria%5BpageSize%5D=100&searchCriteria%5BcurrentPage%5D=2"
                + "&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=2025-01-01%2000%3A00%3A00");
        assertThat(signed.headers().get("Authorization")).isEqualTo("OAuth oauth_consumer_key=\"ck_123\", "
                + "oauth_nonce=\"abc123\", oauth_signature_method=\"HMAC-SHA256\", oauth_timestamp=\"1735689600\", "
                + "oauth_token=\"at_456\", oauth_version=\"1.0\", "
                + "oauth_signature=\"fq8%2BaaqlpDiZIlKjm54wdthrXd%2By%2Bu6rEDgZjIjrjLc%3D\"");
        assertThat(signed.toString()).doesNotContain("fq8").contains("****");
    }

    @Test
    void oauth1UsesAFreshNonceEachRequest() {
        OAuth1Authenticator auth = new OAuth1Authenticator("ck", "cs", "at", "ts", CLOCK);
        HttpCall call = new HttpCall("GET", URI.create("https://shop.example.com/rest/V1/orders"), Map.of(), null, Set.of());
        assertThat(auth.authenticate(call).headers().get("Authorization"))
                .isNotEqualTo(auth.authenticate(call).headers().get("Authorization"));
    }

    @Test
    void shopeeSignsShopCallsOverPartnerPathTimestampTokenAndShop() {
        HttpCall call = new HttpCall("GET", URI.create("https://partner.shopeemobile.com/api/v2/order/get_order_list"
                + "?time_range_field=update_time&page_size=100"), Map.of(), null, Set.of());

        HttpCall signed = new ShopeeAuthenticator("2001234", "partner-key-xyz", "shpat_tok", "880011", "", CLOCK)
                .authenticate(call);

        assertThat(signed.uri().getRawQuery()).isEqualTo("time_range_field=update_time&page_size=100&partner_id=2001234"
                + "&timestamp=1735689600&access_token=shpat_tok&shop_id=880011"
                + "&sign=e1b476f1251284f1769ea75feddba26104fee3224af262e678c866b8cf2f9d0f");
    }

    @Test
    void shopeeSignsPublicCallsWithoutTokenAndStripsTheSandboxMount() {
        HttpCall call = new HttpCall("POST", URI.create("http://127.0.0.1:8080/sandbox/shopee/api/v2/auth/token/get"),
                Map.of(), "{}", Set.of());

        HttpCall signed = new ShopeeAuthenticator("2001234", "partner-key-xyz", null, null, "/sandbox/shopee", CLOCK)
                .authenticate(call);

        assertThat(signed.uri().getRawQuery()).isEqualTo("partner_id=2001234&timestamp=1735689600"
                + "&sign=58b9d1ab75a9a5db01d324d60a3b4a195884266c5157a9d2152cb00d602e9e5c");
    }

    @Test
    void lazadaSignatureOfTheDocumentationExample() {
        HttpCall call = new HttpCall("GET", URI.create("https://api.lazada.vn/rest/test/api?foo=1&bar=2&foo_bar=3&foobar=4"),
                Map.of(), null, Set.of());
        assertThat(LazadaAuthenticator.sign(call, "/test/api", "secret"))
                .isEqualTo("C9E42CE09BA9FE95ECCB17111AA4E3F41D1C82F000435219C75936A427D9C945");
    }

    @Test
    void lazadaAddsSystemParametersSortsSkipsEmptyValuesAndSignsUppercase() {
        HttpCall call = new HttpCall("GET", URI.create("https://api.lazada.vn/rest/orders/get"
                + "?created_after=2025-01-01T00%3A00%3A00%2B07%3A00&limit=100&offset=0&status="), Map.of(), null, Set.of());

        HttpCall signed = new LazadaAuthenticator("123456", "app-secret", "lzd_tok", "/rest", CLOCK).authenticate(call);

        assertThat(signed.query()).contains(Map.entry("app_key", "123456"), Map.entry("timestamp", "1735689600000"),
                Map.entry("sign_method", "sha256"), Map.entry("access_token", "lzd_tok"),
                Map.entry("sign", "03B39371DA2020125058468E6FEA32B74B60FF576E6C57B83C8F08B8941A19D8"));
    }
}
