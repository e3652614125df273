package io.mekong.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A local HTTP peer on a free port that answers from a script and records what it was sent. */
public final class StubServer implements AutoCloseable {

    /** @param query the raw query string, null when there is none */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The query's parameters, decoded; a repeated name's values joined with commas. */
        public Map<String, String> params() {
            return io.mekong.connector.http.QueryString.parse(query).stream().collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a + "," + b, java.util.LinkedHashMap::new));
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted answer; {@code delayMillis} holds the response back (for timeouts). */
    public record Response(int status, Map<String, String> headers, String body, long delayMillis) {

        public static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body, delayMillis);
        }

        public Response delayed(long millis) {
            return new Response(status, headers, body, millis);
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param script given the request and how many came before it, the answer */
    public StubServer(java.util.function.BiFunction<Request, Integer, Response> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int index = requests.size();
            requests.add(request);
            Response response = script.apply(request, index);
            try {
                if (response.delayMillis() > 0) {
                    Thread.sleep(response.delayMillis());
                }
                response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException | IOException e) {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public static StubServer answering(Function<Request, Response> script) throws IOException {
        return new StubServer((r, i) -> script.apply(r));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
