package io.mekong.connector.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;

/** Totals and flags in response bodies, which some APIs send as strings ({@code "countTotal":"500"}, {@code "true"}). */
final class Counts {

    private Counts() {
    }

    /** The number at {@code pointer}, or -1 when there is none. */
    static long read(HttpResult response, String pointer) {
        JsonNode value = at(response, pointer);
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().trim().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText().trim());
        }
        return -1;
    }

    /** The boolean at {@code pointer}: true, or the string "true" (any case); anything else is false. */
    static boolean flag(HttpResult response, String pointer) {
        JsonNode value = at(response, pointer);
        return value.isBoolean() ? value.asBoolean() : value.isTextual() && value.asText().trim().equalsIgnoreCase("true");
    }

    /** The text at {@code pointer}, or null when absent, null or empty. */
    static String text(HttpResult response, String pointer) {
        JsonNode value = at(response, pointer);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static JsonNode at(HttpResult response, String pointer) {
        JsonNode json = response.json();
        return json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.at(JsonPointer.compile(pointer));
    }
}
