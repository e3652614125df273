package io.mekong.connector.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.RequestFactory;
import io.mekong.connector.http.Requester;
import io.mekong.connector.spec.DetailsSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a page of listed records from a detail endpoint, a batch of keys per request. A listed record whose
 * detail does not come back is kept as listed: the mapping then rejects it into dead letters with the reason,
 * rather than the record silently disappearing. An optional detail whose request fails leaves its batch without the
 * attachment and counts it as missing.
 */
final class DetailFetcher {

    private static final Logger log = LoggerFactory.getLogger(DetailFetcher.class);

    private final String system;
    private final String stream;
    private final DetailsSpec spec;
    private final String keyField;
    private final JsonPointer match;
    private final Requester requester;
    private final RequestFactory requests;

    DetailFetcher(String system, String stream, DetailsSpec spec, String keyField, Requester requester, RequestFactory requests) {
        this.system = system;
        this.stream = stream;
        this.spec = spec;
        this.keyField = keyField;
        this.match = spec.matchPointer(keyField);
        this.requester = requester;
        this.requests = requests;
    }

    /** @param missing where an optional detail counts the records it could not attach */
    List<JsonNode> complete(List<JsonNode> listed, MissingDetails missing) {
        Map<String, JsonNode> details = new HashMap<>();
        Map<String, String> problems = new HashMap<>();
        List<String> keys = listed.stream().map(r -> r.path(keyField).asText(null)).filter(k -> k != null).toList();
        for (int from = 0; from < keys.size(); from += spec.batchSize()) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + spec.batchSize()));
            try {
                for (JsonNode detail : fetch(batch)) {
                    String key = detail.at(match).asText(null);
                    if (key != null) {
                        details.put(key, detail);
                    }
                }
            } catch (UnreadableDetails e) {
                if (spec.problemField() == null && !spec.optional()) {
                    throw e;
                }
                if (spec.problemField() != null) {
                    batch.forEach(key -> problems.put(key, e.getMessage()));
                } else {
                    skip(batch, e, missing);
                }
            } catch (ConnectorException e) {
                if (!spec.optional()) {
                    throw e;
                }
                skip(batch, e, missing);
            }
        }
        List<JsonNode> completed = new ArrayList<>(listed.size());
        for (JsonNode record : listed) {
            String key = record.path(keyField).asText(null);
            JsonNode detail = details.get(key);
            if (problems.containsKey(key) && record instanceof ObjectNode listedRecord) {
                listedRecord.put(spec.problemField(), problems.get(key));
            }
            completed.add(detail == null ? record : merge(record, detail));
        }
        return completed;
    }

    /** An optional detail that failed: its batch is stored without it, counted and logged, and the page goes on. */
    private void skip(List<String> batch, ConnectorException e, MissingDetails missing) {
        log.warn("{}: stream {}: {} records stored without their optional {}: {}", system, stream, batch.size(),
                spec.attachAs(), e.getMessage());
        missing.add(spec.attachAs(), batch.size());
    }

    /** Why this block could not complete the record (its {@code problemField}), or null. */
    String problemOf(JsonNode record) {
        return spec.problemField() == null || !record.hasNonNull(spec.problemField()) ? null
                : record.get(spec.problemField()).asText();
    }

    private JsonNode merge(JsonNode listed, JsonNode detail) {
        if (spec.attachAs() == null) {
            return detail;
        }
        ((ObjectNode) listed).set(spec.attachAs(), detail.at(spec.attachPointer()).deepCopy());
        return listed;
    }

    private JsonNode[] fetch(List<String> keys) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        spec.request().params().forEach((name, value) -> params.add(Map.entry(name, requests.render(value))));
        String body = null;
        if (spec.idsIn().equals("body")) {
            ObjectNode ids = JsonNodeFactory.instance.objectNode();
            ids.set(spec.idsParam(), jsonArray(keys));
            body = ids.toString();
        } else {
            params.add(Map.entry(spec.idsParam(), spec.idsFormat().equals("comma") ? String.join(",", keys) : jsonArray(keys).toString()));
        }
        HttpCall call = requests.rest(spec.request().method(), requests.render(spec.request().path()), params, body);
        HttpResult result = requester.execute(call, stream, spec.responseFilters());
        if (result.ignored()) {
            return new JsonNode[0];
        }
        if (result.json() == null) {
            throw new UnreadableDetails(system + ": detail response of " + call.describe() + " for stream " + stream
                    + " " + result.notJson(),
                    result.status());
        }
        JsonNode found = result.json().at(spec.recordPointer());
        if (found.isMissingNode()) {
            throw new UnreadableDetails(system + ": detail response of " + call.describe() + " for stream " + stream
                    + " has nothing at " + spec.recordSelector(), result.status());
        }
        List<JsonNode> records = new ArrayList<>();
        (found.isArray() ? found : JsonNodeFactory.instance.arrayNode().add(found)).forEach(records::add);
        return records.toArray(JsonNode[]::new);
    }

    /** A detail response that came back but cannot be read. */
    static final class UnreadableDetails extends ConnectorException {
        UnreadableDetails(String message, int status) {
            super(message, status);
        }
    }

    private static ArrayNode jsonArray(List<String> keys) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        keys.forEach(array::add);
        return array;
    }
}
