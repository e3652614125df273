package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code $ref} in a spec tree: {@code {$ref: "#/definitions/pagedList", entity: order}} becomes the
 * definition with the object's own keys laid over it (objects merge deeply; a list or a value replaces). A reference
 * is a JSON Pointer into the same file, usually into its top-level {@code definitions}, which is dropped once every
 * reference is resolved. Definitions may refer to others; a cycle is refused.
 */
final class Definitions {

    static final String DEFINITIONS = "definitions";
    static final String REF = "$ref";

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final Deque<String> resolving = new ArrayDeque<>();

    private Definitions(String file, SpecYaml.Parsed parsed) {
        this.file = file;
        this.root = parsed.root();
        this.lines = new HashMap<>(parsed.lines());
    }

    /** The tree without {@code definitions} and with every {@code $ref} replaced; lines of merged options follow them. */
    static SpecYaml.Parsed resolve(String file, SpecYaml.Parsed parsed) {
        if (!(parsed.root() instanceof ObjectNode document)) {
            return parsed;
        }
        JsonNode definitions = document.get(DEFINITIONS);
        if (definitions != null && !definitions.isObject()) {
            throw new InvalidSpecException(file, parsed.lineOf(DEFINITIONS), DEFINITIONS, "must be a mapping of names to blocks", null);
        }
        Definitions resolver = new Definitions(file, parsed);
        ObjectNode resolved = document.deepCopy();
        resolved.remove(DEFINITIONS);
        return new SpecYaml.Parsed(resolver.resolve(resolved, ""), Map.copyOf(resolver.lines));
    }

    private JsonNode resolve(JsonNode node, String path) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolve(array.get(i), SpecYaml.join(path, Integer.toString(i))));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        JsonNode ref = object.remove(REF);
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            field.setValue(resolve(field.getValue(), SpecYaml.join(path, field.getKey())));
        }
        if (ref == null) {
            return object;
        }
        String refPath = SpecYaml.join(path, REF);
        JsonNode target = target(ref, refPath);
        if (object.isEmpty()) {
            return target;
        }
        if (!(target instanceof ObjectNode base)) {
            throw problem(refPath, "refers to " + ref.asText() + ", which is not a mapping, so it cannot take keys of its own");
        }
        return overlay(base, object);
    }

    /** The referred block, itself resolved, copied with its options' lines to where it is used. */
    private JsonNode target(JsonNode ref, String refPath) {
        String text = ref.isTextual() ? ref.asText() : "";
        if (!text.startsWith("#/")) {
            throw problem(refPath, "must be a reference into this file such as \"#/definitions/pagedList\" (was " + ref + ")");
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw problem(refPath, "is not a valid JSON Pointer reference: " + text);
        }
        JsonNode found = root.at(pointer);
        if (found.isMissingNode()) {
            JsonNode definitions = root.path(DEFINITIONS);
            throw problem(refPath, "refers to " + text + ", which this file does not define (definitions: "
                    + (definitions.isObject() ? names(definitions) : "none") + ")");
        }
        if (resolving.contains(text)) {
            throw problem(refPath, "refers to " + text + ", which refers back to itself (" + String.join(" -> ", resolving) + " -> " + text + ")");
        }
        String targetPath = String.join(".", text.substring(2).replace("~1", "/").replace("~0", "~").split("/"));
        resolving.addLast(text);
        JsonNode resolved = resolve(found.deepCopy(), targetPath);
        resolving.removeLast();
        String usePath = refPath.substring(0, Math.max(0, refPath.length() - REF.length() - 1));
        Map<String, Integer> copied = new HashMap<>();
        lines.forEach((p, line) -> {
            if (p.startsWith(targetPath + ".")) {
                copied.put(SpecYaml.join(usePath, p.substring(targetPath.length() + 1)), line);
            }
        });
        copied.forEach(lines::putIfAbsent);
        return resolved;
    }

    /** {@code base} with {@code own} laid over it: mappings merge key by key, anything else replaces. */
    private static ObjectNode overlay(ObjectNode base, ObjectNode own) {
        own.properties().forEach(e -> {
            JsonNode under = base.get(e.getKey());
            base.set(e.getKey(), under instanceof ObjectNode u && e.getValue() instanceof ObjectNode o ? overlay(u, o) : e.getValue());
        });
        return base;
    }

    private InvalidSpecException problem(String path, String reason) {
        return new InvalidSpecException(file, lineOf(path), path, reason, null);
    }

    private int lineOf(String path) {
        return new SpecYaml.Parsed(root, lines).lineOf(path);
    }

    private static List<String> names(JsonNode definitions) {
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
