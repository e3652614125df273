package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonPointer;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.http.GraphqlErrors;
import io.mekong.connector.http.QueryString;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.RequestFactory;
import io.mekong.connector.http.Requester;
import io.mekong.connector.spec.LookupSpec;
import io.mekong.connector.spec.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream's records by key (see {@link LookupSpec}), before the stream's details and coercion complete them.
 * Keys the system no longer knows are left out: the caller sees which came back by their key field.
 */
final class RecordLookup {

    private final String system;
    private final String operation;
    private final StreamSpec spec;
    private final Requester requester;
    private final RequestFactory requests;
    private final LookupQuery query;
    private final DetailFetcher fetcher;

    RecordLookup(String system, String stream, StreamSpec spec, Requester requester, RequestFactory requests) {
        this.system = system;
        // a lookup costs otherwise than a page: the cost limiter learns it under its own name
        this.operation = stream + ":lookup";
        this.spec = spec;
        this.requester = requester;
        this.requests = requests;
        LookupSpec lookup = spec.lookup();
        this.query = lookup != null && lookup.field() != null ? new LookupQuery(spec.graphql().query(), lookup.field()) : null;
        this.fetcher = lookup != null && lookup.request() != null && !lookup.oneByOne()
                ? new DetailFetcher(system, operation, lookup.asDetails(), spec.primaryKey(), requester, requests) : null;
    }

    /**
     * The records found, in the order of the keys; without a lookup block, a stub holding only its key for each
     * key, for the stream's replacing details to complete.
     */
    List<JsonNode> read(List<String> keys) {
        if (query != null) {
            return graphql(keys);
        }
        if (spec.lookup() != null && spec.lookup().oneByOne()) {
            return oneByOne(keys);
        }
        List<JsonNode> stubs = keys.stream().map(this::stub).toList();
        return fetcher == null ? stubs : StreamReader.replaced(stubs, fetcher.complete(stubs, new MissingDetails()));
    }

    private JsonNode stub(String key) {
        return JsonNodeFactory.instance.objectNode().put(spec.primaryKey(), key);
    }

    private List<JsonNode> oneByOne(List<String> keys) {
        LookupSpec lookup = spec.lookup();
        List<Map.Entry<String, String>> params = new ArrayList<>();
        lookup.request().params().forEach((name, value) -> params.add(Map.entry(name, requests.render(value))));
        JsonPointer pointer = JsonPointer.compile(lookup.recordSelector());
        List<JsonNode> found = new ArrayList<>();
        for (String key : keys) {
            String path = requests.render(lookup.request().path()).replace("{id}", QueryString.encode(key));
            HttpCall call = requests.rest(lookup.request().method(), path, params);
            try {
                JsonNode body = requester.execute(call, operation).json();
                JsonNode record = body == null ? null : body.at(pointer);
                if (record != null && record.isObject()) {
                    found.add(record);
                }
            } catch (ConnectorException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        return found;
    }

    private List<JsonNode> graphql(List<String> keys) {
        List<JsonNode> found = new ArrayList<>();
        int batch = spec.lookup().batchSize();
        for (int from = 0; from < keys.size(); from += batch) {
            List<String> ids = keys.subList(from, Math.min(keys.size(), from + batch));
            ObjectNode variables = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < ids.size(); i++) {
                variables.put("r" + i, ids.get(i));
            }
            HttpCall call = requests.graphql(query.operation(ids.size()), variables);
            JsonNode data = GraphqlErrors.requireData(system, call, requester.execute(call, operation)).path("data");
            for (int i = 0; i < ids.size(); i++) {
                JsonNode record = data.path("r" + i);
                if (record.isObject()) {
                    found.add(record);
                }
            }
        }
        return found;
    }
}
