package io.mekong.mapping;

import com.dashjoin.jsonata.Jsonata;
import io.mekong.mapping.canonical.CanonicalRecord;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mapping compiled once at load: all field expressions composed into one JSONata object constructor, evaluated
 * once per record. The per-field expressions are kept only to explain a failure by naming the field.
 * Safe for concurrent use (the JSONata library evaluates on a per-thread copy).
 */
public final class CompiledMapping {

    /** The JSONata variable holding the connection's non-secret parameters. */
    public static final String CONNECTION_VARIABLE = "connection";

    private final Path file;
    private final MappingSpec spec;
    private final CanonicalType target;
    private final Jsonata record;
    private final Jsonata key;
    private final Map<String, Jsonata> fields;

    CompiledMapping(Path file, MappingSpec spec, CanonicalType target, Jsonata record, Jsonata key,
                    Map<String, Jsonata> fields) {
        this.file = file;
        this.spec = spec;
        this.target = target;
        this.record = record;
        this.key = key;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Path file() {
        return file;
    }

    public MappingSpec spec() {
        return spec;
    }

    /** The source system; for an outbound mapping, the target system it writes to (its folder). */
    public String system() {
        return isOutbound() ? spec.target() : spec.source();
    }

    /** Whether it maps Mekong's event data to a target's body item (no canonical type). */
    public boolean isOutbound() {
        return target == null;
    }

    public String entity() {
        return spec.entity();
    }

    public Class<? extends CanonicalRecord> recordClass() {
        if (target == null) {
            throw new IllegalStateException(this + " is an outbound mapping: it has no canonical type");
        }
        return target.recordClass();
    }

    /** The canonical record as plain maps and lists, before conversion and validation. */
    Object evaluate(Map<String, Object> input, Map<String, Object> connection) {
        return record.evaluate(input, frame(record, connection));
    }

    /** The record's key, or null when it cannot be computed (used for rejections only). */
    String keyOrNull(Map<String, Object> input, Map<String, Object> connection) {
        if (key == null) {
            return null;
        }
        try {
            Object value = key.evaluate(input, frame(key, connection));
            return value == null ? null : value.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why the composed expression failed, naming the first field whose own expression fails the same way. */
    String explain(Map<String, Object> input, Map<String, Object> connection, RuntimeException failure) {
        for (Map.Entry<String, Jsonata> field : fields.entrySet()) {
            try {
                field.getValue().evaluate(input, frame(field.getValue(), connection));
            } catch (RuntimeException e) {
                return field.getKey() + ": " + message(e);
            }
        }
        return message(failure);
    }

    private static Jsonata.Frame frame(Jsonata expression, Map<String, Object> connection) {
        Jsonata.Frame frame = expression.createFrame();
        frame.bind(CONNECTION_VARIABLE, connection);
        return frame;
    }

    static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return "CompiledMapping[" + system() + "/" + entity() + " -> "
                + (target == null ? "outbound" : target.name().toLowerCase()) + ", " + file + "]";
    }
}
