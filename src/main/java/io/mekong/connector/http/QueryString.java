package io.mekong.connector.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Query strings as ordered name/value pairs (a name may repeat, as in Magento's {@code searchCriteria} or Stripe's
 * {@code expand[]}), percent-encoded as RFC 3986 says: what request signatures (OAuth 1.0a, Shopee, Lazada) are
 * computed over, so the bytes sent must be exactly these.
 */
public final class QueryString {

    private QueryString() {
    }

    /** RFC 3986 unreserved characters stay; everything else, space included, is %XX of its UTF-8 bytes. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Decodes percent escapes and, as forms do, {@code +} as space. */
    public static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** {@code a=1&b=x%20y} → [(a, 1), (b, x y)]; a name without {@code =} has the empty value. */
    public static List<Map.Entry<String, String>> parse(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            pairs.add(eq < 0 ? Map.entry(decode(part), "")
                    : Map.entry(decode(part.substring(0, eq)), decode(part.substring(eq + 1))));
        }
        return pairs;
    }

    /** The pairs encoded and joined with {@code &}, in the order given. */
    public static String format(List<Map.Entry<String, String>> pairs) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            query.append(query.isEmpty() ? "" : "&").append(encode(pair.getKey())).append('=').append(encode(pair.getValue()));
        }
        return query.toString();
    }
}
