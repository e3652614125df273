package io.mekong.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one mapping file and compiles it: checks every field name against the target canonical record (nested
 * blocks against the nested record), compiles every expression to report syntax errors by field, then composes
 * them into one object-constructor expression.
 */
public final class MappingCompiler {

    private static final Set<String> RESERVED = Set.of("externalId", "updatedAt");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
    /** A target's property names: Klaviyo's "Item Count", Mailchimp's FNAME, HubSpot's firstname. */
    private static final Pattern OUTBOUND_NAME = Pattern.compile("[A-Za-z0-9_.:$ -]+");

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Compiles {@code mappings/<system>/<entity>.yaml}; the file's folder and name must match source and entity. */
    public CompiledMapping compile(Path file) {
        MappingSpec spec = read(file);
        String system = file.getParent().getFileName().toString();
        String entity = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        require(file, system.equals(spec.source()) || MappingSpec.MEKONG.equals(spec.source()), "source",
                "must be '" + system + "' (the folder name), or mekong for an outbound mapping, was '" + spec.source() + "'");
        require(file, entity.equals(spec.entity()), "entity", "must be '" + entity + "' (the file name), was '" + spec.entity() + "'");
        if (MappingSpec.MEKONG.equals(spec.source())) {
            return compileOutbound(file, spec);
        }
        require(file, spec.target() != null, "target", "is required");
        require(file, spec.key() != null, "key", "is required");
        require(file, spec.updatedAt() != null, "updatedAt", "is required");
        CanonicalType target;
        try {
            target = CanonicalType.of(spec.target());
        } catch (IllegalArgumentException e) {
            throw new MappingException(file + ": field 'target': " + e.getMessage());
        }
        for (String reserved : RESERVED) {
            require(file, !spec.fields().containsKey(reserved), "fields." + reserved,
                    "is set by the mapping's " + (reserved.equals("externalId") ? "'key'" : "'updatedAt'") + " expression");
        }

        Map<String, String> topLevel = new LinkedHashMap<>();
        topLevel.put("externalId", checked(file, "key", spec.key()));
        topLevel.put("updatedAt", checked(file, "updatedAt", spec.updatedAt()));
        spec.fields().forEach((name, node) -> topLevel.put(name,
                field(file, target.recordClass(), name, node, name)));

        Map<String, Jsonata> fieldExpressions = new LinkedHashMap<>();
        topLevel.forEach((name, expression) -> fieldExpressions.put(name, compileExpression(file, name, expression)));
        Jsonata record = compileExpression(file, "(composed)", object(topLevel));
        return new CompiledMapping(file, spec, target, record, fieldExpressions.get("externalId"), fieldExpressions);
    }

    /**
     * An outbound mapping: event data of Mekong to one item of a target's request body, under
     * {@code mappings/<target>/}. No canonical type: field names are the target's, and a nested block (with
     * {@code each} or {@code from}, or a plain map of fields) builds a nested object.
     */
    private CompiledMapping compileOutbound(Path file, MappingSpec spec) {
        String target = file.getParent().getFileName().toString();
        require(file, target.equals(spec.target()), "target", "must be '" + target
                + "' (the folder name: the target system an outbound mapping writes to), was '" + spec.target() + "'");
        require(file, spec.key() == null, "key", "an outbound mapping has none: the writer knows its subject's key");
        require(file, spec.updatedAt() == null, "updatedAt", "an outbound mapping has none");
        require(file, !spec.fields().isEmpty(), "fields", "is required: the target's fields and their expressions");
        Map<String, String> topLevel = new LinkedHashMap<>();
        spec.fields().forEach((name, node) -> topLevel.put(name, outboundField(file, name, node, name)));
        Map<String, Jsonata> fieldExpressions = new LinkedHashMap<>();
        topLevel.forEach((name, expression) -> fieldExpressions.put(name, compileExpression(file, name, expression)));
        Jsonata body = compileExpression(file, "(composed)", object(topLevel));
        return new CompiledMapping(file, spec, null, body, null, fieldExpressions);
    }

    private String outboundField(Path file, String name, JsonNode node, String path) {
        require(file, OUTBOUND_NAME.matcher(name).matches(), path, "a name is letters, digits, spaces and _ . : $ - only");
        if (node.isTextual()) {
            return checked(file, path, node.textValue());
        }
        require(file, node.isObject(), path, "must be a JSONata expression (a string) or a block of fields");
        boolean each = node.has("each");
        boolean from = node.has("from");
        JsonNode context = each ? node.get("each") : node.get("from");
        JsonNode fields = each || from ? node.get("fields") : node;
        if (each || from) {
            require(file, context.isTextual() && !(each && from), path,
                    "a block takes one of 'each' (a list) or 'from' (an object), as a JSONata expression");
            require(file, fields != null && fields.isObject() && node.size() == 2, path,
                    "a block with 'each' or 'from' has 'fields' (a map of field to expression) and nothing else");
        }
        Map<String, String> nested = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            nested.put(entry.getKey(), outboundField(file, entry.getKey(), entry.getValue(), path + "." + entry.getKey()));
        }
        if (!each && !from) {
            return object(nested);
        }
        String mapped = "(" + checked(file, path + "." + (each ? "each" : "from"), context.textValue()) + ")." + object(nested);
        return each ? "[" + mapped + "]" : mapped;
    }

    /**
     * SnakeYAML parses (Jackson's YAML parser does not expand anchors and aliases, which mappings use to share
     * blocks such as an address), Jackson binds.
     */
    private MappingSpec read(Path file) {
        Object tree;
        try (Reader reader = Files.newBufferedReader(file)) {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new MappingException(file + ": invalid YAML: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map)) {
            throw new MappingException(file + ": a mapping file is a YAML map with source, entity, target, key, updatedAt, fields");
        }
        try {
            return json.convertValue(tree, MappingSpec.class);
        } catch (IllegalArgumentException e) {
            throw new MappingException(file + ": " + e.getMessage(), e);
        }
    }

    /** The JSONata text of one field of {@code owner}, a nested block becoming a mapped object constructor. */
    private String field(Path file, Class<?> owner, String name, JsonNode node, String path) {
        RecordComponent component = component(file, owner, name, path);
        if (node.isTextual()) {
            return checked(file, path, node.textValue());
        }
        if (!node.isObject()) {
            throw new MappingException(file + ": field '" + path + "': must be a JSONata expression (a string) "
                    + "or a block with 'each' or 'from' and 'fields'");
        }
        if (Map.class.isAssignableFrom(component.getType())) {
            return entries(file, node, path);
        }
        boolean each = node.has("each");
        JsonNode context = each ? node.get("each") : node.get("from");
        JsonNode fields = node.get("fields");
        require(file, context != null && context.isTextual() && each != node.has("from"), path,
                "a block needs exactly one of 'each' (a list) or 'from' (an object) as a JSONata expression");
        require(file, fields != null && fields.isObject() && node.size() == 2, path,
                "a block has 'fields' (a map of field to expression) and nothing else");
        Class<?> nestedType = each ? elementType(file, component, path) : component.getType();
        require(file, nestedType.isRecord(), path, "is not a nested record, so it takes an expression, not a block");

        Map<String, String> nested = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            nested.put(entry.getKey(), field(file, nestedType, entry.getKey(), entry.getValue(),
                    path + "." + entry.getKey()));
        }
        String mapped = "(" + checked(file, path + "." + (each ? "each" : "from"), context.textValue()) + ")." + object(nested);
        return each ? "[" + mapped + "]" : mapped;
    }

    /** A map field (a record's attributes) written as a block of name to expression: one object constructor. */
    private static String entries(Path file, JsonNode node, String path) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            require(file, ATTRIBUTE_NAME.matcher(entry.getKey()).matches(), path + "." + entry.getKey(),
                    "a name is letters, digits and _ . : - only");
            require(file, entry.getValue().isTextual(), path + "." + entry.getKey(),
                    "must be a JSONata expression (a string)");
            entries.put(entry.getKey(), checked(file, path + "." + entry.getKey(), entry.getValue().textValue()));
        }
        return object(entries);
    }

    private static RecordComponent component(Path file, Class<?> owner, String name, String path) {
        Map<String, RecordComponent> components = Arrays.stream(owner.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));
        RecordComponent component = components.get(name);
        if (component == null) {
            throw new MappingException(file + ": field '" + path + "': " + owner.getSimpleName()
                    + " has no such field; it has " + components.keySet().stream().sorted().toList());
        }
        return component;
    }

    private static Class<?> elementType(Path file, RecordComponent component, String path) {
        Type type = component.getGenericType();
        if (type instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> element
                && java.util.List.class.isAssignableFrom(component.getType())) {
            return element;
        }
        throw new MappingException(file + ": field '" + path + "': 'each' needs a list field");
    }

    private static String object(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": (" + e.getValue() + "\n)")
                .collect(Collectors.joining(",\n", "{\n", "\n}"));
    }

    /** Compiles the expression alone so that a syntax error names its field; returns it unchanged. */
    private static String checked(Path file, String field, String expression) {
        compileExpression(file, field, expression);
        return expression;
    }

    private static Jsonata compileExpression(Path file, String field, String expression) {
        try {
            Jsonata compiled = Jsonata.jsonata(expression);
            MappingFunctions.registerOn(compiled);
            // inputs come from parsed JSON (JsonataInput), so the library's per-call walk checking them is wasted
            compiled.setValidateInput(false);
            return compiled;
        } catch (RuntimeException e) {
            throw new MappingException(file + ": field '" + field + "': invalid JSONata: "
                    + CompiledMapping.message(e), e);
        }
    }

    private static void require(Path file, boolean condition, String field, String reason) {
        if (!condition) {
            throw new MappingException(file + ": field '" + field + "': " + reason);
        }
    }
}
