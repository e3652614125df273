package io.mekong.sandbox.magento;

import io.mekong.sandbox.VendorHmac;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's side of OAuth 1.0a (RFC 5849) with HMAC-SHA256, as a Magento 2.4.4+ integration is checked, written
 * from the RFC for the simulator alone: the hub signs with its own {@code OAuth1Authenticator}, and the two must
 * agree only because both follow the RFC.
 */
final class OAuth1Verifier {

    private static final Pattern HEADER_PARAM = Pattern.compile("([\\w.~-]+)=\"([^\"]*)\"");

    private OAuth1Verifier() {
    }

    /**
     * §3.5.1: the {@code Authorization: OAuth ...} header's parameters, decoded, without {@code realm} (which is not
     * signed); empty when the header is missing or of another scheme.
     */
    static Map<String, String> authorization(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return params;
        }
        Matcher param = HEADER_PARAM.matcher(header.substring(6));
        while (param.find()) {
            if (!param.group(1).equals("realm")) {
                params.put(param.group(1), decode(param.group(2)));
            }
        }
        return params;
    }

    /**
     * §3.4.1: the method in upper case, the base string URI and the normalized parameters, each encoded, joined
     * by {@code &}. {@code parameters} are the decoded query, form-body and oauth parameters but the signature.
     */
    static String signatureBase(String method, URI uri, List<Map.Entry<String, String>> parameters) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters) {
            pairs.add(encode(p.getKey()) + "=" + encode(p.getValue()));
        }
        // §3.4.1.3.2: sorted by encoded name, then by encoded value; "=" sorts below every encoded character
        pairs.sort((a, b) -> {
            int byName = a.substring(0, a.indexOf('=')).compareTo(b.substring(0, b.indexOf('=')));
            return byName != 0 ? byName : a.substring(a.indexOf('=') + 1).compareTo(b.substring(b.indexOf('=') + 1));
        });
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseStringUri(uri)) + "&" + encode(String.join("&", pairs));
    }

    /** §3.4.2 with SHA-256: base64 of HMAC(encode(consumer secret) &amp; encode(token secret), base). */
    static String signature(String signatureBase, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        return Base64.getEncoder().encodeToString(VendorHmac.sha256(key, signatureBase.getBytes(StandardCharsets.UTF_8)));
    }

    /** §3.4.1.2: scheme and host in lower case, the port only when not the scheme's default, the path, no query. */
    static String baseStringUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** §3.6: every byte of the UTF-8 form but ALPHA, DIGIT, "-", ".", "_" and "~" as %XX with upper-case hex. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Percent escapes only: in §3.6 encoding a "+" is a plus, never a space. */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
