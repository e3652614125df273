package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps only some fields of the objects at a path of a response body, while recording: a page of a hundred orders
 * stays readable. The engine is handed the trimmed body during the recording itself, so what the case expects is what
 * the engine makes of exactly the recorded answers. {@code path} is slash-separated; {@code *} walks every element
 * of an array (e.g. {@code data/*\/order_items/*}).
 */
record FieldTrim(String path, List<String> fields) {

    static FieldTrim keep(String path, String... fields) {
        return new FieldTrim(path, List.of(fields));
    }

    void apply(JsonNode body) {
        apply(body, Arrays.asList(path.split("/")));
    }

    private void apply(JsonNode node, List<String> steps) {
        if (node == null) {
            return;
        }
        if (steps.isEmpty()) {
            if (node.isObject()) {
                ((ObjectNode) node).retain(fields);
            }
            return;
        }
        List<String> rest = steps.subList(1, steps.size());
        if (steps.get(0).equals("*")) {
            node.forEach(element -> apply(element, rest));
        } else {
            apply(node.get(steps.get(0)), rest);
        }
    }
}
