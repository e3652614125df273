package io.mekong.connector.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of a target's {@code actions}: an HTTP operation its writer calls, so that the writer names the operation
 * and the spec keeps the method, path and body shape.
 *
 * @param method   GET, POST, PUT, PATCH or DELETE
 * @param path     appended to the requester's endpoint; {@code {{params.x}}} and, per item, {@code {{item.x}}}
 *                 (sent percent-encoded)
 * @param batch    at most this many items per request (default 1: one item per request, sent as the body)
 * @param envelope the body of a batching request, with the string {@code "{{items}}"} where the item array goes
 *                 (required when {@code batch} is above 1)
 * @param accept   error statuses handed back to the writer as answers instead of failing the request (a 409 that
 *                 names the existing object, a 404 on a delete)
 */
public record ActionSpec(String method, String path, Integer batch, JsonNode envelope, List<Integer> accept) {

    /** The variable prefix that names a value of the item a request is for. */
    public static final String ITEM = "item.";
    /** The envelope's placeholder for the array of items. */
    public static final String ITEMS = "{{items}}";

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public ActionSpec {
        SpecProblem.require(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new SpecProblem("method", "must be one of " + METHODS.stream().sorted().toList() + " (was '" + method + "')");
        }
        SpecProblem.require(path, "path");
        if (!path.startsWith("/")) {
            throw new SpecProblem("path", "must start with / (was '" + path + "')");
        }
        batch = batch == null ? 1 : batch;
        if (batch < 1 || batch > 10_000) {
            throw new SpecProblem("batch", "must be between 1 and 10000 (was " + batch + ")");
        }
        if (batch > 1 && envelope == null) {
            throw new SpecProblem("envelope", "is required when batch is above 1: the body that holds \"" + ITEMS + "\"");
        }
        if (envelope != null) {
            if (!envelope.isObject()) {
                throw new SpecProblem("envelope", "must be an object holding \"" + ITEMS + "\"");
            }
            int places = placeholders(envelope);
            if (places != 1) {
                throw new SpecProblem("envelope", "must hold \"" + ITEMS + "\" exactly once (found " + places + ")");
            }
        }
        accept = accept == null ? List.of() : List.copyOf(accept);
        for (Integer status : accept) {
            if (status == null || status < 400 || status > 499) {
                throw new SpecProblem("accept", "lists 4xx statuses only (was " + status + "): a 5xx or 429 is retried");
            }
        }
    }

    /** Whether the path names the item ({@code {{item.x}}}): one request per item. */
    public boolean perItem() {
        return Template.variables(path).stream().anyMatch(v -> v.startsWith(ITEM));
    }

    /** The envelope with {@code items} in place of {@code "{{items}}"}. */
    public ObjectNode wrap(ArrayNode items) {
        ObjectNode body = envelope.deepCopy();
        replace(body, items);
        return body;
    }

    private static boolean replace(ContainerNode<?> node, ArrayNode items) {
        if (node instanceof ObjectNode object) {
            for (var it = object.fields(); it.hasNext(); ) {
                var field = it.next();
                if (isPlaceholder(field.getValue())) {
                    object.set(field.getKey(), items);
                    return true;
                }
                if (field.getValue() instanceof ContainerNode<?> child && replace(child, items)) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (isPlaceholder(array.get(i))) {
                    array.set(i, items);
                    return true;
                }
                if (array.get(i) instanceof ContainerNode<?> child && replace(child, items)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int placeholders(JsonNode node) {
        if (isPlaceholder(node)) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : node) {
            count += placeholders(child);
        }
        return count;
    }

    private static boolean isPlaceholder(JsonNode node) {
        return node.isTextual() && node.asText().equals(ITEMS);
    }
}
