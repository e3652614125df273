package io.mekong.connector.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A spec file (a connector spec, identity.yaml) read as a JSON tree, with the line of every option kept for error messages. YAML 1.2 (core schema:
 * no {@code yes}/{@code no} booleans, no sexagesimal numbers, dates stay text) with anchors, aliases and merge keys
 * ({@code <<: *anchor} or {@code <<: [*a, *b]}: the mapping's own keys override the merged ones, an earlier map in
 * the list wins over a later one), which snakeyaml-engine's composer flattens; Jackson's YAML reader, used before,
 * left merge keys as a literal {@code <<} option.
 */
public final class SpecYaml {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The tree, and the line (1-based) where each option is written, by dotted path ({@code streams.orders.cursor}). */
    public record Parsed(JsonNode root, Map<String, Integer> lines) {

        /** The line of the option at {@code path}, or of its nearest written parent; 0 when none is known. */
        public int lineOf(String path) {
            for (String p = path; ; p = p.substring(0, p.lastIndexOf('.'))) {
                Integer line = lines.get(p);
                if (line != null) {
                    return line;
                }
                if (p.lastIndexOf('.') < 0) {
                    return 0;
                }
            }
        }
    }

    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();

    private SpecYaml(String file) {
        this.file = file;
    }

    /** @throws InvalidSpecException naming the file and line of a syntax error, a bad merge or a duplicate key */
    public static Parsed parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema())
                .setMaxAliasesForCollections(100).build();
        Node root;
        try {
            root = new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidSpecException(file, line, "", "is not valid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new InvalidSpecException(file, 0, "", "is not valid YAML: " + e.getMessage(), e);
        }
        SpecYaml reader = new SpecYaml(file);
        return new Parsed(root == null ? null : reader.convert(root, ""), Map.copyOf(reader.lines));
    }

    private JsonNode convert(Node node, String path) {
        if (node instanceof MappingNode mapping) {
            return object(mapping, path);
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String itemPath = join(path, Integer.toString(i));
                lines.putIfAbsent(itemPath, line(items.get(i)));
                array.add(convert(items.get(i), itemPath));
            }
            return array;
        }
        return scalar((ScalarNode) node, path);
    }

    private ObjectNode object(MappingNode mapping, String path) {
        ObjectNode object = JSON.objectNode();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new InvalidSpecException(file, line(tuple.getKeyNode()), path, "has a key that is not a plain name", null);
            }
            String keyPath = join(path, key.getValue());
            if (object.has(key.getValue())) {
                throw new InvalidSpecException(file, line(key), keyPath, "is given twice", null);
            }
            lines.putIfAbsent(keyPath, line(key));
            object.set(key.getValue(), convert(tuple.getValueNode(), keyPath));
        }
        return object;
    }

    private JsonNode scalar(ScalarNode scalar, String path) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return JSON.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return JSON.booleanNode(value.equalsIgnoreCase("true"));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger number = value.startsWith("0x") ? new BigInteger(value.substring(2), 16)
                        : value.startsWith("0o") ? new BigInteger(value.substring(2), 8) : new BigInteger(value);
                return number.bitLength() < 64 ? JSON.numberNode(number.longValue()) : JSON.numberNode(number);
            }
            if (tag.equals(Tag.FLOAT)) {
                return JSON.numberNode(Double.parseDouble(value.replace(".inf", "Infinity").replace(".Inf", "Infinity")
                        .replace(".INF", "Infinity").replaceAll("^\\.(nan|NaN|NAN)$", "NaN")));
            }
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(file, line(scalar), path, "is not a number: '" + value + "'", e);
        }
        return JSON.textNode(value);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(-1) + 1;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
