package io.mekong.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Magento's {@code fields} parameter: the response keeps only the named fields, nested ones in brackets, e.g.
 * {@code items[id,email],total_count}; an array keeps the named fields of each of its objects.
 */
final class FieldsFilter {

    private FieldsFilter() {
    }

    static JsonNode apply(JsonNode node, String fields) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(apply(element, fields)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (String field : split(fields)) {
            int bracket = field.indexOf('[');
            String name = bracket < 0 ? field : field.substring(0, bracket);
            JsonNode value = node.get(name);
            if (value != null) {
                kept.set(name, bracket < 0 ? value : apply(value, field.substring(bracket + 1, field.length() - 1)));
            }
        }
        return kept;
    }

    /** Splits on the commas that are not inside brackets. */
    private static List<String> split(String fields) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < fields.length(); i++) {
            char c = fields.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(fields.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(fields.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
