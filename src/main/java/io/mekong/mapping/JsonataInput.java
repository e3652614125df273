package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source record as the plain maps and lists JSONata evaluates. A property whose value is JSON null is left out:
 * JSONata then reads it as undefined, so {@code $trim(email)} or {@code $lowercase(state)} yield nothing instead of
 * failing on null, and mappings need no null guards. Sources send null and absent for the same meaning.
 */
final class JsonataInput {

    private JsonataInput() {
    }

    static Map<String, Object> of(JsonNode record) {
        Map<String, Object> map = new LinkedHashMap<>(record.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNull()) {
                map.put(field.getKey(), value(field.getValue()));
            }
        }
        return map;
    }

    private static Object value(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> of(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(value(element)));
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() ? node.numberValue() : node.doubleValue();
            default -> null;
        };
    }
}
