package io.mekong.connector.contract;

import io.mekong.connector.StubServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server on a free port that answers the hub's requests from a recording, in the recorded order. A request
 * that differs from the recorded one is answered with HTTP 418 (which no connector retries) and its differences are kept,
 * so that the test names them instead of whatever error the engine makes of the 418.
 */
final class ReplayServer implements AutoCloseable {

    private final List<RecordedExchange> exchanges;
    private final List<String> differences = new CopyOnWriteArrayList<>();
    private final StubServer server;

    ReplayServer(List<RecordedExchange> exchanges) throws IOException {
        this.exchanges = List.copyOf(exchanges);
        this.server = new StubServer(this::answer);
    }

    private StubServer.Response answer(StubServer.Request request, int index) {
        String sent = request.method() + " " + request.path() + (request.query() == null ? "" : "?" + request.query());
        if (index >= exchanges.size()) {
            return refuse("request " + (index + 1) + " (" + sent + ") is not in the recording, which has " + exchanges.size());
        }
        RecordedExchange exchange = exchanges.get(index);
        List<String> wrong = exchange.differences(request, baseUrl());
        if (!wrong.isEmpty()) {
            return refuse("request " + (index + 1) + " (" + sent + ") differs from the recorded " + exchange.describe()
                    + ": " + String.join("; ", wrong));
        }
        return exchange.answer(baseUrl());
    }

    private StubServer.Response refuse(String difference) {
        differences.add(difference);
        return StubServer.Response.json(418, "{\"error\":\"contract replay\"}");
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Requests that did not match the recording, in order. */
    List<String> differences() {
        return List.copyOf(differences);
    }

    /** How many requests were answered or refused. */
    int requestsMade() {
        return server.requests().size();
    }

    @Override
    public void close() {
        server.close();
    }
}
