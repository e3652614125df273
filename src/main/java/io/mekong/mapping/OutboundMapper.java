package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.config.Json;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The mapping package's entry point for target writers: event data of Mekong (docs/events.md) to one item of a
 * target's request body, by an outbound mapping {@code mappings/<target>/<name>.yaml}. A bad event is refused with a
 * reason naming the field, never thrown.
 */
@Service
public class OutboundMapper {

    private final MappingRegistry registry;
    private final ObjectMapper json = Json.MAPPER;

    public OutboundMapper(MappingRegistry registry) {
        this.registry = registry;
    }

    /** What became of one event's data: the body item, or why there is none. */
    public sealed interface Outbound {
        record Mapped(JsonNode item) implements Outbound {
        }

        record Rejected(String reason) implements Outbound {
        }
    }

    /**
     * @param data   the event's data
     * @param params the target connection's non-secret parameters, bound as {@code $connection}
     * @throws IllegalArgumentException when there is no outbound mapping target/name (a wiring error)
     */
    public Outbound map(String target, String name, JsonNode data, Map<String, Object> params) {
        CompiledMapping mapping = registry.get(target, name);
        if (!mapping.isOutbound()) {
            throw new IllegalArgumentException(mapping + " is not an outbound mapping (source: mekong)");
        }
        if (data == null || !data.isObject()) {
            return new Outbound.Rejected("event data is not a JSON object");
        }
        Map<String, Object> input = JsonataInput.of(data);
        Map<String, Object> connection = params == null ? Map.of() : params;
        Object output;
        try {
            output = mapping.evaluate(input, connection);
        } catch (RuntimeException e) {
            return new Outbound.Rejected(mapping.explain(input, connection, e));
        }
        return new Outbound.Mapped(json.valueToTree(output));
    }
}
