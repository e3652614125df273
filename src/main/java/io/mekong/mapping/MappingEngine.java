package io.mekong.mapping;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.mapping.canonical.CanonicalRecord;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Maps pages of source records to canonical records: evaluate the mapping, convert with Jackson, validate with
 * Bean Validation. Every record yields exactly one result; a bad record is rejected with a reason naming the field
 * and never stops the page.
 */
@Service
public class MappingEngine {

    private final MappingRegistry registry;
    private final Validator validator;
    private final ObjectMapper json = CanonicalJson.newMapper();

    public MappingEngine(MappingRegistry registry, Validator validator) {
        this.registry = registry;
        this.validator = validator;
    }

    /**
     * @param connectionParams the connection's non-secret parameters, bound as {@code $connection}
     * @throws IllegalArgumentException when no mapping exists for system/entity
     */
    public MappedPage map(String system, String entity, List<JsonNode> records, Map<String, Object> connectionParams) {
        CompiledMapping mapping = registry.get(system, entity);
        if (mapping.isOutbound()) {
            throw new IllegalArgumentException(mapping + " writes to a target; map event data with OutboundMapper");
        }
        Map<String, Object> connection = connectionParams == null ? Map.of() : connectionParams;
        List<MappingResult> results = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            results.add(mapOne(mapping, record, connection));
        }
        return new MappedPage(entity, results);
    }

    /** @throws IllegalArgumentException when no mapping exists for system/entity */
    public void requireMapping(String system, String entity) {
        registry.get(system, entity);
    }

    private MappingResult mapOne(CompiledMapping mapping, JsonNode source, Map<String, Object> connection) {
        if (source == null || !source.isObject()) {
            return new MappingResult.Rejected(source, null, "record is not a JSON object");
        }
        Map<String, Object> input = null;
        try {
            input = JsonataInput.of(source);
            Object output;
            try {
                output = mapping.evaluate(input, connection);
            } catch (RuntimeException e) {
                return rejected(mapping, source, input, connection, mapping.explain(input, connection, e));
            }
            CanonicalRecord record;
            try {
                record = json.convertValue(output, mapping.recordClass());
            } catch (IllegalArgumentException e) {
                return rejected(mapping, source, input, connection, conversionFailure(e));
            }
            String violations = violations(record);
            return violations == null
                    ? new MappingResult.Mapped(source, record)
                    : new MappingResult.Rejected(source, record.externalId(), violations);
        } catch (RuntimeException e) {
            // a defect, not bad data; still one record's problem only
            return rejected(mapping, source, input, connection, "unexpected " + e);
        }
    }

    private MappingResult.Rejected rejected(CompiledMapping mapping, JsonNode source, Map<String, Object> input,
                                            Map<String, Object> connection, String reason) {
        String key = input == null ? null : mapping.keyOrNull(input, connection);
        return new MappingResult.Rejected(source, key, reason);
    }

    private String violations(CanonicalRecord record) {
        Set<ConstraintViolation<CanonicalRecord>> violations = validator.validate(record);
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
    }

    /** "lines[0].quantity: Cannot deserialize ..." from Jackson's path and message. */
    private static String conversionFailure(IllegalArgumentException e) {
        if (!(e.getCause() instanceof JsonMappingException mapping)) {
            return CompiledMapping.message(e);
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = mapping.getOriginalMessage();
        return path.isEmpty() ? message : path + ": " + message;
    }
}
