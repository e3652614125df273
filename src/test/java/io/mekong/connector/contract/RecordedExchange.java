package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mekong.connector.StubServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One recorded request and the answer it got. The hub's request must have the recorded method and path, exactly the
 * recorded query parameters (each matched by its {@link ValueRule}), the recorded headers (others are not looked at:
 * transport headers such as Host or User-Agent change by run and client) and the recorded body (JSON compared by
 * value, other bodies as text; no recorded body means none may be sent).
 * {@value #SERVER} in a recording stands for the replay server's address.
 */
record RecordedExchange(JsonNode request, JsonNode response) {

    static final String SERVER = "{{server}}";

    /** What differs between the hub's request and the recorded one; empty when they match. */
    List<String> differences(StubServer.Request actual, String server) {
        List<String> out = new ArrayList<>();
        String method = request.path("method").asText("GET");
        if (!method.equalsIgnoreCase(actual.method())) {
            out.add("method is " + actual.method() + " but the recording has " + method);
        }
        String path = request.path("path").asText();
        if (!path.equals(actual.path())) {
            out.add("path is " + actual.path() + " but the recording has " + path);
        }
        Map<String, String> params = actual.params();
        JsonNode query = request.path("query");
        TreeSet<String> names = new TreeSet<>(params.keySet());
        query.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!query.has(name)) {
                out.add("query parameter " + name + "=" + params.get(name) + " is not in the recording");
            } else {
                ValueRule.check("query parameter " + name, withServer(query.get(name), server), params.get(name)).ifPresent(out::add);
            }
        }
        request.path("headers").fields().forEachRemaining(h ->
                ValueRule.check("header " + h.getKey(), withServer(h.getValue(), server), actual.header(h.getKey())).ifPresent(out::add));
        bodyDifference(actual.body()).ifPresent(out::add);
        return out;
    }

    private Optional<String> bodyDifference(String body) {
        if (request.has("body")) {
            JsonNode sent = ContractYaml.parseJson(body);
            if (sent == null || !request.get("body").equals(ContractYaml.SAME_VALUE, sent)) {
                return Optional.of("body is " + body + " but the recording has " + request.get("body"));
            }
        } else if (request.has("bodyText")) {
            if (!request.get("bodyText").asText().equals(body)) {
                return Optional.of("body is " + body + " but the recording has " + request.get("bodyText").asText());
            }
        } else if (!body.isEmpty()) {
            return Optional.of("a body was sent but the recording has none: " + body);
        }
        return Optional.empty();
    }

    /** Fails naming the first query or header rule that is neither a value, {@code present} nor {@code matches}. */
    void checkRules() {
        if (request == null || response == null) {
            throw new IllegalArgumentException("an exchange needs a request and a response");
        }
        for (String part : List.of("query", "headers")) {
            request.path(part).fields().forEachRemaining(rule ->
                    ValueRule.check(part + " " + rule.getKey() + " of " + describe(), rule.getValue(), ""));
        }
    }

    /** The recorded answer, with the replay server's address in place of {@value #SERVER}. */
    StubServer.Response answer(String server) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText().replace(SERVER, server)));
        String body = response.has("body") ? response.get("body").toString()
                : response.path("bodyText").asText("");
        return new StubServer.Response(response.path("status").asInt(200), headers, body.replace(SERVER, server), 0);
    }

    /** A one-line name of the recorded request, for messages. */
    String describe() {
        return request.path("method").asText("GET") + " " + request.path("path").asText();
    }

    private static JsonNode withServer(JsonNode rule, String server) {
        return rule.isTextual() && rule.asText().contains(SERVER)
                ? TextNode.valueOf(rule.asText().replace(SERVER, server)) : rule;
    }
}
