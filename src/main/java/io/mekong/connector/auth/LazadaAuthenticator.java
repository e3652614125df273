package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lazada Open Platform request signing: system parameters {@code app_key}, {@code timestamp} (milliseconds),
 * {@code sign_method=sha256} and {@code access_token} join the request's own; {@code sign} = UPPERCASE hex
 * HMAC-SHA256(app secret, api path + name1value1name2value2... in ASCII order of names, empty values skipped as the
 * official SDK does [+ a JSON body]).
 */
public final class LazadaAuthenticator implements Authenticator {

    private final String appKey;
    private final String appSecret;
    private final String accessToken;
    private final String basePath;
    private final Clock clock;

    public LazadaAuthenticator(String appKey, String appSecret, String accessToken, String basePath, Clock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.accessToken = accessToken == null || accessToken.isBlank() ? null : accessToken;
        this.basePath = basePath;
        this.clock = clock;
    }

    @Override
    public HttpCall authenticate(HttpCall call) {
        HttpCall withSystem = call.withQueryParam("app_key", appKey)
                .withQueryParam("timestamp", Long.toString(clock.millis()))
                .withQueryParam("sign_method", "sha256");
        if (accessToken != null) {
            withSystem = withSystem.withQueryParam("access_token", accessToken);
        }
        return withSystem.withQueryParam("sign", sign(withSystem, ApiPath.of(withSystem, basePath), appSecret));
    }

    /** The signature of a call whose parameters are all in its query (and, for JSON APIs, its body). */
    static String sign(HttpCall call, String apiPath, String appSecret) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> param : call.query()) {
            if (!param.getKey().equals("sign") && !param.getValue().isEmpty()) {
                sorted.put(param.getKey(), param.getValue());
            }
        }
        StringBuilder message = new StringBuilder(apiPath);
        sorted.forEach((name, value) -> message.append(name).append(value));
        if (call.body() != null && !call.body().isEmpty()) {
            message.append(call.body());
        }
        return HexFormat.of().withUpperCase().formatHex(Hmac.sha256(appSecret, message.toString()));
    }

    @Override
    public String toString() {
        return "LazadaAuthenticator[" + appKey + "]";
    }
}
