package io.mekong.sandbox.targets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.QueryParameters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One call to a simulated target, routed: its method, path (without query), the raw query, headers (matched
 * case-insensitively), body and the decoded values of the path's placeholders in order.
 */
public record TargetRequest(String method, String path, String query, Map<String, String> headers, byte[] body,
                            List<String> params) {

    public String header(String name) {
        return headers.get(name);
    }

    /** The {@code i}th placeholder of the path, decoded ({@code %40} is {@code @}; a {@code +} stays a plus). */
    public String param(int i) {
        return params.get(i);
    }

    /** The first value of a query parameter, decoded; null when absent. */
    public String queryParam(String name) {
        return QueryParameters.parse(query).stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The body as a JSON object; see {@link Json#body}. */
    public ObjectNode json(String field) {
        return Json.body(body, field);
    }

    static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
