package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.connector.spec.CursorSpec;
import io.mekong.connector.spec.Template;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code updated_at} cursor: records carry an ISO-8601 timestamp (any offset, e.g. Shopify's shop-local
 * {@code 2024-01-15T10:30:00-05:00}); the checkpoint is the latest one read, as a UTC instant
 * ({@code {"cursor": "2024-01-15T15:30:00Z"}}); a run starts {@code lookback} earlier, whole seconds.
 */
public final class DatetimeCursor implements IncrementalCursor {

    static final String CHECKPOINT_FIELD = "cursor";

    private final CursorSpec spec;

    public DatetimeCursor(CursorSpec spec) {
        this.spec = spec;
    }

    @Override
    public String position(JsonNode checkpoint) {
        if (checkpoint == null || !checkpoint.path(CHECKPOINT_FIELD).isTextual()) {
            return null;
        }
        Instant at = parse(checkpoint.get(CHECKPOINT_FIELD).asText());
        return at == null ? null : at.toString();
    }

    @Override
    public String filter(String position) {
        if (position == null) {
            return null;
        }
        Instant from = Instant.parse(position).minus(spec.lookback()).truncatedTo(ChronoUnit.SECONDS);
        return Template.render(spec.filter(), name -> Template.CURSOR.equals(name) ? from.toString() : null);
    }

    @Override
    public void apply(PageRequest request, String filter) {
        if (filter == null) {
            request.variables().putNull(spec.filterVariable());
        } else {
            request.variables().put(spec.filterVariable(), filter);
        }
    }

    @Override
    public String advance(String position, List<JsonNode> records) {
        Instant max = position == null ? null : Instant.parse(position);
        for (JsonNode record : records) {
            JsonNode value = record.get(spec.field());
            Instant at = value != null && value.isTextual() ? parse(value.asText()) : null;
            if (at != null && (max == null || at.isAfter(max))) {
                max = at;
            }
        }
        return max == null ? null : max.toString();
    }

    @Override
    public JsonNode checkpoint(String position) {
        return position == null ? null : JsonNodeFactory.instance.objectNode().put(CHECKPOINT_FIELD, position);
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
