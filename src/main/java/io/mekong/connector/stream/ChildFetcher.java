package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.QueryString;
import io.mekong.connector.http.RequestFactory;
import io.mekong.connector.http.Requester;
import io.mekong.connector.spec.ChildSpec;
import io.mekong.connector.spec.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches to each record of a page the answer of its own child request ({@code /orders/{{record.id}}/notes}), with
 * at most {@code concurrency} requests in flight for the page. An optional child that fails leaves its record
 * without the attachment and counts it as missing; a required one fails the page.
 */
final class ChildFetcher {

    private static final Logger log = LoggerFactory.getLogger(ChildFetcher.class);

    private final String system;
    private final String stream;
    private final ChildSpec spec;
    private final Requester requester;
    private final RequestFactory requests;

    ChildFetcher(String system, String stream, ChildSpec spec, Requester requester, RequestFactory requests) {
        this.system = system;
        this.stream = stream;
        this.spec = spec;
        this.requester = requester;
        this.requests = requests;
    }

    void attach(List<JsonNode> records, MissingDetails missing) {
        int threads = Math.min(spec.concurrency(), records.size());
        if (threads == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>(records.size());
            for (JsonNode record : records) {
                answers.add(pool.submit(() -> fetch(record)));
            }
            for (int i = 0; i < records.size(); i++) {
                JsonNode rows = outcome(answers.get(i));
                if (rows == null) {
                    missing.add(spec.attachAs(), 1);
                } else if (records.get(i) instanceof ObjectNode record) {
                    record.set(spec.attachAs(), rows);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The child rows, or null for an optional child that failed (logged); a required child's failure is thrown. */
    private JsonNode outcome(Future<JsonNode> answer) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ConnectorException failure)) {
                throw new IllegalStateException(system + ": stream " + stream + ": child request failed", e.getCause());
            }
            if (!spec.optional()) {
                throw failure;
            }
            log.warn("{}: stream {}: a record stored without its optional {}: {}", system, stream, spec.attachAs(), failure.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(system + ": stream " + stream + ": interrupted while reading " + spec.attachAs(), 0, e);
        }
    }

    private JsonNode fetch(JsonNode record) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        spec.request().params().forEach((name, value) -> params.add(Map.entry(name, requests.render(forRecord(value, record, false)))));
        HttpCall call = requests.rest(spec.request().method(), requests.render(forRecord(spec.request().path(), record, true)), params);
        HttpResult result = requester.execute(call, stream, spec.responseFilters());
        if (result.ignored()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        JsonNode rows = result.json() == null ? null : result.json().at(spec.recordPointer());
        if (rows == null || rows.isMissingNode()) {
            throw new ConnectorException(system + ": child response of " + call.describe() + " for stream " + stream
                    + " has nothing at " + spec.recordSelector(), result.status());
        }
        return rows.deepCopy();
    }

    /**
     * The template with {@code {{record.<field>}}} replaced by the record's values, before the connection's variables
     * are rendered: in a path a value is percent-encoded, and a parameter value that holds {@code {{} is refused, so a
     * record can never smuggle in a {@code {{secrets.…}}} of its own.
     */
    private String forRecord(String template, JsonNode record, boolean path) {
        return Template.render(template, name -> {
            if (!name.startsWith(ChildSpec.RECORD)) {
                return "{{" + name + "}}";
            }
            String field = name.substring(ChildSpec.RECORD.length());
            JsonNode value = record.at("/" + field.replace("~", "~0").replace("/", "~1").replace('.', '/'));
            if (!value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
                throw new ConnectorException(system + ": stream " + stream + ": a record has no " + field
                        + " for its " + spec.attachAs() + " request", 0);
            }
            if (!path && value.asText().contains("{{")) {
                throw new ConnectorException(system + ": stream " + stream + ": a record's " + field
                        + " looks like a template, which a " + spec.attachAs() + " request parameter never sends", 0);
            }
            return path ? QueryString.encode(value.asText()) : value.asText();
        });
    }
}
