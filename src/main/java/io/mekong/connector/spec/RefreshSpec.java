package io.mekong.connector.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code refresh} block of a signed {@code auth} (Shopee, Lazada): how a short-lived access token is renewed
 * with the long-lived refresh token. The request is signed like the API's public calls (no access token).
 *
 * @param baseUrl            template; absent: the connection's base URL (Lazada refreshes on its auth host)
 * @param path               path of the token endpoint
 * @param method             GET or POST (default POST)
 * @param params             query parameters (templates)
 * @param body               JSON body fields (templates); those in {@code bodyNumbers} are sent as numbers
 * @param bodyNumbers        body fields sent as JSON numbers (Shopee's partner_id and shop_id)
 * @param accessToken        JSON Pointer of the new access token in the response
 * @param refreshToken       JSON Pointer of the new refresh token (absent: the refresh token is kept)
 * @param expiresIn          JSON Pointer of the access token's lifetime in seconds
 * @param accessTokenSecret  the secret that holds the access token (default {@code accessToken})
 * @param refreshTokenSecret the secret that holds the refresh token (default {@code refreshToken})
 * @param onErrors           vendor codes or HTTP statuses that mean the access token expired: refresh, then retry once
 */
public record RefreshSpec(String baseUrl, String path, String method, Map<String, String> params,
                          Map<String, String> body, List<String> bodyNumbers, String accessToken, String refreshToken,
                          String expiresIn, String accessTokenSecret, String refreshTokenSecret, List<String> onErrors)
        implements TokenRenewal {

    public RefreshSpec {
        SpecProblem.require(path, "path");
        method = HttpMethods.check(method, "POST");
        params = OrderedMaps.copy(params);
        body = OrderedMaps.copy(body);
        bodyNumbers = bodyNumbers == null ? List.of() : List.copyOf(bodyNumbers);
        accessToken = Pointers.check(accessToken == null ? "/access_token" : accessToken, "accessToken");
        refreshToken = refreshToken == null ? null : Pointers.check(refreshToken, "refreshToken");
        expiresIn = expiresIn == null ? null : Pointers.check(expiresIn, "expiresIn");
        accessTokenSecret = accessTokenSecret == null ? "accessToken" : accessTokenSecret;
        refreshTokenSecret = refreshTokenSecret == null ? "refreshToken" : refreshTokenSecret;
        onErrors = onErrors == null ? List.of() : List.copyOf(onErrors);
    }

    /** Every template of the block, by option name. */
    public Map<String, String> templates() {
        Map<String, String> templates = new LinkedHashMap<>();
        if (baseUrl != null) {
            templates.put("baseUrl", baseUrl);
        }
        templates.put("path", path);
        params.forEach((k, v) -> templates.put("params." + k, v));
        body.forEach((k, v) -> templates.put("body." + k, v));
        return templates;
    }
}
