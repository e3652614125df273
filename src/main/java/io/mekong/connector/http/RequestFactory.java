package io.mekong.connector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.auth.Authenticator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Builds one connection's requests: its base URL and path, the spec's headers, its credentials. */
public final class RequestFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String method;
    private final Map<String, String> headers;
    private final Authenticator authenticator;
    private final UnaryOperator<String> render;

    /**
     * @param baseUrl, path, headers already rendered for the connection
     * @param render   renders a stream's own templates (REST paths and parameters) for the connection
     */
    public RequestFactory(String baseUrl, String path, String method, Map<String, String> headers, Authenticator authenticator,
                          UnaryOperator<String> render) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String prefix = path == null ? "" : path;
        this.endpoint = URI.create(base + (prefix.isEmpty() || prefix.startsWith("/") ? prefix : "/" + prefix));
        this.method = method;
        this.headers = headers;
        this.authenticator = authenticator;
        this.render = render;
    }

    /** A template of a stream rendered for this connection. */
    public String render(String template) {
        return render.apply(template);
    }

    /** A REST request: {@code method} to the requester's endpoint plus {@code path}, with the query parameters in order. */
    public HttpCall rest(String method, String path, List<Map.Entry<String, String>> params) {
        return rest(method, path, params, null);
    }

    /** A REST request with a JSON body (null for none). */
    public HttpCall rest(String method, String path, List<Map.Entry<String, String>> params, String jsonBody) {
        String query = QueryString.format(params);
        URI uri = URI.create(endpoint + path + (query.isEmpty() ? "" : "?" + query));
        return signed(new HttpCall(method, uri, headers, jsonBody, Set.of()));
    }

    /**
     * A form POST ({@code application/x-www-form-urlencoded}) to the requester's endpoint itself, as OAuth 2 token
     * endpoints take it (RFC 6749 §4.4, §6).
     */
    public HttpCall form(List<Map.Entry<String, String>> fields) {
        Map<String, String> formHeaders = new LinkedHashMap<>(headers);
        formHeaders.put(HttpCall.CONTENT_TYPE, "application/x-www-form-urlencoded");
        return signed(new HttpCall("POST", endpoint, formHeaders, QueryString.format(fields), Set.of()));
    }

    /** A GraphQL operation: {@code {"query": ..., "variables": {...}}} to the requester's endpoint. */
    public HttpCall graphql(String query, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        return signed(new HttpCall(method, endpoint, headers, body.toString(), Set.of()));
    }

    /** Signed now, and able to be signed again for a retry (fresh timestamp, nonce and signature). */
    private HttpCall signed(HttpCall unsigned) {
        return authenticator.authenticate(unsigned).signedBy(() -> signed(unsigned));
    }
}
