package io.mekong.connector.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the records out of a response by JSON Pointer, dropping repeats of the same key within the page
 * (the later copy wins, in the position of the first).
 */
public final class RecordSelector {

    private final JsonPointer pointer;
    private final String keyField;

    public RecordSelector(JsonPointer pointer, String keyField) {
        this.pointer = pointer;
        this.keyField = keyField;
    }

    /** @return the records, or null when the response has nothing at the pointer */
    public List<JsonNode> select(JsonNode response) {
        JsonNode node = response.at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            return List.of(node);
        }
        Map<Object, JsonNode> byKey = new LinkedHashMap<>();
        int position = 0;
        for (JsonNode record : node) {
            JsonNode key = record.get(keyField);
            // a record without a key cannot be a duplicate: it is kept under its own position
            byKey.put(key == null || key.isNull() ? position : key.asText(), record);
            position++;
        }
        return new ArrayList<>(byKey.values());
    }

    public String describe() {
        return pointer.toString();
    }
}
