package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code auth} block: how every request proves who it is. Values are templates, usually {@code {{secrets.x}}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AuthSpec.Header.class, name = "header"),
        @JsonSubTypes.Type(value = AuthSpec.Bearer.class, name = "bearer"),
        @JsonSubTypes.Type(value = AuthSpec.Basic.class, name = "basic"),
        @JsonSubTypes.Type(value = AuthSpec.OAuth1.class, name = "oauth1"),
        @JsonSubTypes.Type(value = AuthSpec.Shopee.class, name = "shopee"),
        @JsonSubTypes.Type(value = AuthSpec.Lazada.class, name = "lazada")})
public sealed interface AuthSpec {

    /** Every option of the block that is a template, by option name (absent optional ones left out). */
    Map<String, String> templates();

    /** How the access token is renewed; null when it is not. */
    default RefreshSpec refresh() {
        return null;
    }

    /** This auth as it signs the API's public calls (token endpoints): without the access token. */
    default AuthSpec withoutAccessToken() {
        return this;
    }

    /** A fixed header carrying a token, e.g. {@code X-Shopify-Access-Token}. */
    record Header(String header, String value) implements AuthSpec {
        public Header {
            SpecProblem.require(header, "header");
            SpecProblem.require(value, "value");
        }

        @Override
        public Map<String, String> templates() {
            return Map.of("value", value);
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements AuthSpec {
        public Bearer {
            SpecProblem.require(token, "token");
        }

        @Override
        public Map<String, String> templates() {
            return Map.of("token", token);
        }
    }

    /** {@code Authorization: Basic base64(username:password)}. */
    record Basic(String username, String password) implements AuthSpec {
        public Basic {
            SpecProblem.require(username, "username");
            password = password == null ? "" : password;
        }

        @Override
        public Map<String, String> templates() {
            return Map.of("username", username, "password", password);
        }
    }

    /** OAuth 1.0a, HMAC-SHA256 (Magento integrations): consumer key and secret, access token and token secret. */
    record OAuth1(String consumerKey, String consumerSecret, String token, String tokenSecret) implements AuthSpec {
        public OAuth1 {
            SpecProblem.require(consumerKey, "consumerKey");
            SpecProblem.require(consumerSecret, "consumerSecret");
        }

        @Override
        public Map<String, String> templates() {
            return present("consumerKey", consumerKey, "consumerSecret", consumerSecret, "token", token,
                    "tokenSecret", tokenSecret);
        }
    }

    /** Shopee Open Platform v2 signing; without accessToken only public (token) calls can be made. */
    record Shopee(String partnerId, String partnerKey, String accessToken, String shopId, RefreshSpec refresh)
            implements AuthSpec {
        public Shopee {
            SpecProblem.require(partnerId, "partnerId");
            SpecProblem.require(partnerKey, "partnerKey");
        }

        @Override
        public Map<String, String> templates() {
            return withRefresh(present("partnerId", partnerId, "partnerKey", partnerKey, "accessToken", accessToken,
                    "shopId", shopId), refresh);
        }

        @Override
        public AuthSpec withoutAccessToken() {
            return new Shopee(partnerId, partnerKey, null, shopId, refresh);
        }
    }

    /** Lazada Open Platform signing: app key and secret, and the seller's access token. */
    record Lazada(String appKey, String appSecret, String accessToken, RefreshSpec refresh) implements AuthSpec {
        public Lazada {
            SpecProblem.require(appKey, "appKey");
            SpecProblem.require(appSecret, "appSecret");
        }

        @Override
        public Map<String, String> templates() {
            return withRefresh(present("appKey", appKey, "appSecret", appSecret, "accessToken", accessToken), refresh);
        }

        @Override
        public AuthSpec withoutAccessToken() {
            return new Lazada(appKey, appSecret, null, refresh);
        }
    }

    private static Map<String, String> withRefresh(Map<String, String> templates, RefreshSpec refresh) {
        if (refresh != null) {
            refresh.templates().forEach((option, template) -> templates.put("refresh." + option, template));
        }
        return templates;
    }

    private static Map<String, String> present(String... namesAndValues) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                templates.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return templates;
    }
}
