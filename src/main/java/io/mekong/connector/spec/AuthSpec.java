package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code auth} block: how every request proves who it is. Values are templates, usually {@code {{secrets.x}}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AuthSpec.Header.class, name = "header"),
        @JsonSubTypes.Type(value = AuthSpec.Bearer.class, name = "bearer"),
        @JsonSubTypes.Type(value = AuthSpec.Basic.class, name = "basic"),
        @JsonSubTypes.Type(value = AuthSpec.OAuth1.class, name = "oauth1"),
        @JsonSubTypes.Type(value = AuthSpec.Shopee.class, name = "shopee"),
        @JsonSubTypes.Type(value = AuthSpec.Lazada.class, name = "lazada"),
        @JsonSubTypes.Type(value = AuthSpec.OAuth2.class, name = "oauth2"),
        @JsonSubTypes.Type(value = AuthSpec.ApiKey.class, name = "apiKey")})
public sealed interface AuthSpec {

    /** Every option of the block that is a template, by option name (absent optional ones left out). */
    Map<String, String> templates();

    /** How the access token is renewed; null when it is not. */
    default TokenRenewal renewal() {
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
        public TokenRenewal renewal() {
            return refresh;
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
        public TokenRenewal renewal() {
            return refresh;
        }

        @Override
        public AuthSpec withoutAccessToken() {
            return new Lazada(appKey, appSecret, null, refresh);
        }
    }

    /**
     * OAuth 2 (RFC 6749): {@code Authorization: Bearer <access token>} on every request; the token is obtained from
     * {@code tokenUrl} with the refresh-token grant (§6) or the client-credentials grant (§4.4), ahead of its expiry
     * or once after a refusal ({@code renewOn}). The answer's {@code access_token}, {@code refresh_token} (a rotated
     * one replaces the stored one) and {@code expires_in} are stored in the connection's secrets.
     *
     * @param grant      {@code refreshToken} or {@code clientCredentials}
     * @param clientAuth {@code basic} (HTTP Basic client_id:client_secret, the RFC's default) or {@code body} (form fields)
     * @param scopes     sent space-separated as {@code scope}; none: no scope parameter
     * @param renewOn    HTTP statuses or vendor codes that mean the token was refused (default 401)
     */
    record OAuth2(String grant, String tokenUrl, String clientId, String clientSecret, String clientAuth,
                  String refreshToken, List<String> scopes, String accessTokenSecret, String refreshTokenSecret,
                  List<String> renewOn) implements AuthSpec {

        public static final String REFRESH_TOKEN = "refreshToken";
        public static final String CLIENT_CREDENTIALS = "clientCredentials";

        public OAuth2 {
            SpecProblem.require(grant, "grant");
            if (!grant.equals(REFRESH_TOKEN) && !grant.equals(CLIENT_CREDENTIALS)) {
                throw new SpecProblem("grant", "must be refreshToken or clientCredentials (was '" + grant + "')");
            }
            SpecProblem.require(tokenUrl, "tokenUrl");
            SpecProblem.require(clientId, "clientId");
            SpecProblem.require(clientSecret, "clientSecret");
            clientAuth = clientAuth == null ? "basic" : clientAuth;
            if (!clientAuth.equals("basic") && !clientAuth.equals("body")) {
                throw new SpecProblem("clientAuth", "must be basic or body (was '" + clientAuth + "')");
            }
            if (grant.equals(REFRESH_TOKEN)) {
                SpecProblem.require(refreshToken, "refreshToken");
            } else if (refreshToken != null) {
                throw new SpecProblem("refreshToken", "is for the refreshToken grant; clientCredentials needs none");
            }
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            accessTokenSecret = accessTokenSecret == null ? "accessToken" : accessTokenSecret;
            refreshTokenSecret = refreshTokenSecret == null ? "refreshToken" : refreshTokenSecret;
            renewOn = renewOn == null ? List.of("401") : List.copyOf(renewOn);
        }

        /** The answer is RFC 6749 §5.1's; a refresh token comes back (rotated) only with the refreshToken grant. */
        @Override
        public TokenRenewal renewal() {
            return new TokenRenewal.Fixed("/access_token", grant.equals(REFRESH_TOKEN) ? "/refresh_token" : null,
                    "/expires_in", accessTokenSecret, refreshTokenSecret, renewOn);
        }

        /** The bearer token every API request carries. */
        public String bearerToken() {
            return "{{" + Template.SECRETS + accessTokenSecret + "}}";
        }

        @Override
        public Map<String, String> templates() {
            return present("tokenUrl", tokenUrl, "clientId", clientId, "clientSecret", clientSecret,
                    "refreshToken", refreshToken);
        }
    }

    /** An API key in a header or a query parameter, e.g. {@code X-Api-Key: ...} or {@code ?api_key=...}. */
    record ApiKey(String in, String name, String value) implements AuthSpec {
        public ApiKey {
            SpecProblem.require(in, "in");
            if (!in.equals("header") && !in.equals("query")) {
                throw new SpecProblem("in", "must be header or query (was '" + in + "')");
            }
            SpecProblem.require(name, "name");
            SpecProblem.require(value, "value");
        }

        @Override
        public Map<String, String> templates() {
            return Map.of("value", value);
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
