package io.mekong.connector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.auth.Authenticator;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Builds one connection's requests: its base URL and path, the spec's headers, its credentials. */
public final class RequestFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String method;
    private final Map<String, String> headers;
    private final Authenticator authenticator;

    /** Base URL, path and headers already rendered for the connection. */
    public RequestFactory(String baseUrl, String path, String method, Map<String, String> headers, Authenticator authenticator) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + (path.isEmpty() || path.startsWith("/") ? path : "/" + path));
        this.method = method;
        this.headers = headers;
        this.authenticator = authenticator;
    }

    /** A GraphQL operation: {@code {"query": ..., "variables": {...}}} to the requester's endpoint. */
    public HttpCall graphql(String query, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        return authenticator.authenticate(new HttpCall(method, endpoint, headers, body.toString(), Set.of()));
    }
}
