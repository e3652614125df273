package io.mekong.sandbox.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SandboxHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real HTTP to a target simulator mounted as the hub mounts it ({@link TargetSandbox}: the API beside
 * {@code /_control/outage} and {@code /_state}), on a free loopback port; closing it stops the server.
 */
public final class TargetHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, headers (first value, names in lower case) and body. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final SandboxHttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    private TargetHttp(HttpSimulator simulator) {
        this.server = SandboxHttpServer.start(simulator);
    }

    public static TargetHttp serve(TargetSimulator target) {
        return new TargetHttp(new TargetSandbox(target));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** {@code method path} with the headers (name, value pairs) and a body (null: none). */
    public Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> first = new TreeMap<>();
            response.headers().map().forEach((name, values) -> first.put(name.toLowerCase(), values.get(0)));
            return new Reply(response.statusCode(), first, response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot reach the simulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code POST /_control/outage {"status":…,"seconds":…}}. */
    public Reply outage(int status, int seconds) {
        return send("POST", "/_control/outage", "{\"status\":" + status + ",\"seconds\":" + seconds + "}");
    }

    public Reply endOutage() {
        return send("DELETE", "/_control/outage", null);
    }

    public JsonNode state() {
        return send("GET", "/_state", null).json();
    }

    @Override
    public void close() {
        server.close();
    }
}
