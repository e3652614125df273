package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mekong.config.Json;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.spec.ActionSpec;
import io.mekong.sink.TargetUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One destination's calls to its target through the connector engine (auth, rate limit, retries, egress guard),
 * sorted into what a writer acts on: an answer, a refusal of the item for good (a 4xx), or the target being
 * unavailable (5xx, 429, no answer, or its credentials refused: every item would fail alike, so the runtime waits).
 */
final class TargetCalls {

    /** What the target said to one request: its answer, or why it refused the item(s) for good. */
    record Answer(HttpResult result, String refusal) {
        boolean refused() {
            return refusal != null;
        }

        JsonNode json() {
            return result == null ? null : result.json();
        }
    }

    private final ConnectorEngine engine;
    private final ConnectionContext connection;

    TargetCalls(ConnectorEngine engine, ConnectionContext connection) {
        this.engine = engine;
        this.connection = connection;
    }

    Map<String, Object> params() {
        return engine.params(connection);
    }

    /** One request of {@code action} for one item ({@code item} fills its path's {{item.x}}). */
    Answer send(String action, Map<String, String> item, JsonNode body) throws TargetUnavailableException {
        return send(action, item, List.of(), body);
    }

    /** One request of {@code action} with query parameters (a page size, a page cursor). */
    Answer send(String action, Map<String, String> item, List<Map.Entry<String, String>> query, JsonNode body)
            throws TargetUnavailableException {
        try {
            return new Answer(engine.act(connection, action, item, query, body), null);
        } catch (ConnectorException e) {
            if (unavailable(e.status())) {
                throw new TargetUnavailableException(e.getMessage(), e.retryAfter(), e);
            }
            return new Answer(null, e.getMessage());
        }
    }

    /**
     * The items in batches of the action's size, each in its envelope. A batch the target refuses as a whole (one bad
     * item fails them all, as HubSpot's batch create does) is sent again one item at a time, so only that item is
     * refused. Returns each item's answer, in order (items of one batch share it).
     */
    List<Answer> sendBatched(String action, List<JsonNode> items) throws TargetUnavailableException {
        ActionSpec spec = engine.action(connection.connector(), action);
        List<Answer> answers = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += spec.batch()) {
            List<JsonNode> batch = items.subList(from, Math.min(items.size(), from + spec.batch()));
            Answer answer = send(action, Map.of(), spec.wrap(array(batch)));
            if (answer.refused() && batch.size() > 1) {
                for (JsonNode item : batch) {
                    answers.add(send(action, Map.of(), spec.wrap(array(List.of(item)))));
                }
            } else {
                batch.forEach(item -> answers.add(answer));
            }
        }
        return answers;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(array::add);
        return array;
    }

    private static boolean unavailable(int status) {
        return status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500;
    }
}
