package io.mekong.connector.contract;

import io.mekong.connector.StubServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A local HTTP server on a free port that answers the hub's requests from a recording. Each request takes the first
 * recorded exchange not used yet whose request it matches, so identical requests (a retry after a 429) get their
 * answers in the recorded order, and requests sent concurrently need not arrive in the recorded order. A request that
 * matches none is answered with HTTP 418 (which no connector retries) and its differences from the next unused
 * exchange are kept, so that the test names them instead of whatever error the engine makes of the 418.
 */
final class ReplayServer implements AutoCloseable {

    private final List<RecordedExchange> exchanges;
    private final boolean[] used;
    private final List<String> differences = new ArrayList<>();
    private final StubServer server;

    ReplayServer(List<RecordedExchange> exchanges) throws IOException {
        this.exchanges = List.copyOf(exchanges);
        this.used = new boolean[exchanges.size()];
        this.server = new StubServer(this::answer);
    }

    private synchronized StubServer.Response answer(StubServer.Request request, int index) {
        String base = baseUrl();
        int next = -1;
        for (int i = 0; i < exchanges.size(); i++) {
            if (used[i]) {
                continue;
            }
            next = next < 0 ? i : next;
            if (exchanges.get(i).differences(request, base).isEmpty()) {
                used[i] = true;
                return exchanges.get(i).answer(base);
            }
        }
        String sent = "request " + (index + 1) + " (" + request.method() + " " + request.path()
                + (request.query() == null ? "" : "?" + request.query()) + ")";
        differences.add(next < 0 ? sent + " comes after every recorded request was answered"
                : sent + " matches no recorded request; the next one, " + exchanges.get(next).describe() + ", differs: "
                + String.join("; ", exchanges.get(next).differences(request, base)));
        return StubServer.Response.json(418, "{\"error\":\"contract replay\"}");
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Requests that matched no recorded exchange, in order. */
    synchronized List<String> differences() {
        return List.copyOf(differences);
    }

    /** Recorded exchanges whose request was never made. */
    synchronized List<String> unused() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            if (!used[i]) {
                out.add("exchange " + (i + 1) + ": " + exchanges.get(i).describe());
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
