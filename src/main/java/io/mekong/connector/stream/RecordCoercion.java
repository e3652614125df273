package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.spec.CoerceSpec;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Applies a stream's {@code coerce} block to a record, in place, at every depth. */
public final class RecordCoercion {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final CoerceSpec spec;
    private final Set<String> numbers;

    public RecordCoercion(CoerceSpec spec) {
        this.spec = spec;
        this.numbers = Set.copyOf(spec.numbers());
    }

    public void apply(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    field.setValue(coerce(field.getKey(), value));
                } else {
                    apply(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::apply);
        }
    }

    private JsonNode coerce(String name, JsonNode value) {
        String text = value.asText();
        if (spec.nullStrings() && text.equals("null")) {
            return NODES.nullNode();
        }
        if (spec.booleanStrings() && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(text.equals("true"));
        }
        if (numbers.contains(name) && NUMBER.matcher(text.trim()).matches()) {
            BigDecimal number = new BigDecimal(text.trim());
            return number.scale() == 0 ? NODES.numberNode(number.toBigInteger()) : NODES.numberNode(number);
        }
        return value;
    }
}
