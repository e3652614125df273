package io.mekong.connector.auth;

import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.QueryString;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * OAuth 1.0a request signing (RFC 5849) with HMAC-SHA256, as Magento 2.4.4+ integrations require: every request
 * carries {@code Authorization: OAuth ...} with a fresh timestamp and nonce and a signature over the method, the
 * base URI and every query, form-body and oauth parameter.
 */
public final class OAuth1Authenticator implements Authenticator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String consumerKey;
    private final String consumerSecret;
    private final String token;
    private final String tokenSecret;
    private final Clock clock;
    private final Supplier<String> nonces;

    public OAuth1Authenticator(String consumerKey, String consumerSecret, String token, String tokenSecret, Clock clock) {
        this(consumerKey, consumerSecret, token, tokenSecret, clock, OAuth1Authenticator::randomNonce);
    }

    OAuth1Authenticator(String consumerKey, String consumerSecret, String token, String tokenSecret, Clock clock,
                        Supplier<String> nonces) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.token = token;
        this.tokenSecret = tokenSecret == null ? "" : tokenSecret;
        this.clock = clock;
        this.nonces = nonces;
    }

    @Override
    public HttpCall authenticate(HttpCall call) {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", consumerKey);
        oauth.put("oauth_nonce", nonces.get());
        oauth.put("oauth_signature_method", "HMAC-SHA256");
        oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        if (token != null && !token.isEmpty()) {
            oauth.put("oauth_token", token);
        }
        oauth.put("oauth_version", "1.0");
        oauth.put("oauth_signature", signature(call, oauth, consumerSecret, tokenSecret));
        String header = oauth.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + QueryString.encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", ", "OAuth ", ""));
        return call.withHeader("Authorization", header, true);
    }

    /**
     * RFC 5849 §3.4.1: METHOD &amp; encode(base URI) &amp; encode(the sorted, encoded parameters), the parameters being
     * the query, a form-encoded body and the oauth ones but the signature itself.
     */
    public static String signatureBase(HttpCall call, Map<String, String> oauth) {
        List<Map.Entry<String, String>> params = new ArrayList<>(call.query());
        String contentType = call.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst().orElse("");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded") && call.body() != null) {
            params.addAll(QueryString.parse(call.body()));
        }
        oauth.forEach((name, value) -> {
            if (!name.equals("oauth_signature")) {
                params.add(Map.entry(name, value));
            }
        });
        String normalized = params.stream()
                .map(p -> Map.entry(QueryString.encode(p.getKey()), QueryString.encode(p.getValue())))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
        return call.method().toUpperCase(Locale.ROOT) + "&" + QueryString.encode(baseUri(call.uri())) + "&"
                + QueryString.encode(normalized);
    }

    /** The base64 HMAC-SHA256 signature of a call with these oauth parameters (a server checks it the same way). */
    public static String signature(HttpCall call, Map<String, String> oauth, String consumerSecret, String tokenSecret) {
        String key = QueryString.encode(consumerSecret) + "&" + QueryString.encode(tokenSecret == null ? "" : tokenSecret);
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, signatureBase(call, oauth)));
    }

    /** Scheme and host in lower case, the port only when not the scheme's default, the path as sent, no query. */
    private static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    private static String randomNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "OAuth1Authenticator[" + consumerKey + "]";
    }
}
