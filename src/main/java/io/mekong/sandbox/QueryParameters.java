package io.mekong.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * A request's query or form body as the simulated vendors read it: ordered, decoded name/value pairs (a name may
 * repeat). Parsed by HttpCore's form codec, not by the hub's own code, so a hub encoding bug shows up as a refused
 * signature instead of being mirrored on both sides.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code a=1&b=x%20y} → [(a, 1), (b, x y)]; {@code +} is a space; a name without {@code =} has the empty value. */
    public static List<Map.Entry<String, String>> parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        return WWWFormCodec.parse(raw, StandardCharsets.UTF_8).stream()
                .map(pair -> Map.entry(pair.getName(), pair.getValue() == null ? "" : pair.getValue()))
                .toList();
    }

    /** Decodes percent escapes and, as forms do, {@code +} as space. */
    public static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The pairs encoded and joined with {@code &}, in the order given (a page link's query). */
    public static String format(List<Map.Entry<String, String>> pairs) {
        return WWWFormCodec.format(pairs.stream().map(pair -> (NameValuePair) new BasicNameValuePair(pair.getKey(),
                pair.getValue())).toList(), StandardCharsets.UTF_8);
    }
}
