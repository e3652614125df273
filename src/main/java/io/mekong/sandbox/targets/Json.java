package io.mekong.sandbox.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reading request bodies the way the simulated targets do: a missing or mistyped field is an {@link Invalid}. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The body as a JSON object; anything else is refused naming {@code field} (the body's root, as the vendor names it). */
    public static ObjectNode body(byte[] body, String field) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Invalid(field, "The request body is not valid JSON: " + firstLine(e));
        }
        if (node == null || !node.isObject()) {
            throw new Invalid(field, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** The object at {@code name}, or an empty one when absent; refused when present but not an object. */
    public static ObjectNode objectAt(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return object();
        }
        if (!node.isObject()) {
            throw new Invalid(field, "'" + name + "' must be an object.");
        }
        return (ObjectNode) node;
    }

    /** The array at {@code name}; refused when absent or not an array. */
    public static ArrayNode arrayAt(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray()) {
            throw new Invalid(field, "'" + name + "' is required and must be an array.");
        }
        return (ArrayNode) node;
    }

    /** The text at {@code name}, null when absent or null; refused when not text. */
    public static String text(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(field, "'" + name + "' must be a string.");
        }
        return node.asText();
    }

    /** The non-blank text at {@code name}; refused when absent, blank or not text. */
    public static String requiredText(JsonNode parent, String name, String field) {
        String value = text(parent, name, field);
        if (value == null || value.isBlank()) {
            throw new Invalid(field, "'" + name + "' is required.");
        }
        return value;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
