package io.mekong.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds a NUL character (U+0000) in a JSON document's names and texts. PostgreSQL stores it in neither {@code text}
 * nor {@code jsonb}, so JSON bound for the store is checked first and refused with where the NUL is.
 */
public final class JsonNul {

    private static final char NUL = '\u0000';

    private JsonNul() {
    }

    /** The JSON pointer of the first name or text holding a NUL ("/" for the root), or null when there is none. */
    public static String firstAt(JsonNode node) {
        String found = find(node, JsonPointer.empty());
        return found == null || !found.isEmpty() ? found : "/";
    }

    private static String find(JsonNode node, JsonPointer at) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0 ? at.toString() : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonPointer child = at.appendProperty(field.getKey());
                String found = field.getKey().indexOf(NUL) >= 0 ? child.toString() : find(field.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), at.appendIndex(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
