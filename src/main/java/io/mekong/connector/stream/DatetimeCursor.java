package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.connector.spec.CursorFormat;
import io.mekong.connector.spec.CursorSpec;
import io.mekong.connector.spec.Template;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code updated_at} cursor: records carry a timestamp in the stream's {@link CursorFormat} (e.g. Shopify's
 * shop-local {@code 2024-01-15T10:30:00-05:00}, Stripe's unix seconds); the checkpoint is the latest one read, as
 * a UTC instant ({@code {"cursor": "2024-01-15T15:30:00Z"}}); a run starts {@code lookback} earlier, whole seconds.
 */
public final class DatetimeCursor implements IncrementalCursor {

    static final String CHECKPOINT_FIELD = "cursor";
    private static final CursorFormat ISO = CursorFormat.of("iso");

    private final CursorSpec spec;
    private final CursorFormat format;
    private final CursorFormat fieldFormat;

    public DatetimeCursor(CursorSpec spec) {
        this.spec = spec;
        this.format = CursorFormat.of(spec.format());
        this.fieldFormat = CursorFormat.of(spec.fieldFormat());
    }

    @Override
    public String position(JsonNode checkpoint) {
        if (checkpoint == null || !checkpoint.path(CHECKPOINT_FIELD).isTextual()) {
            return null;
        }
        Instant at = ISO.read(checkpoint.get(CHECKPOINT_FIELD));
        return at == null ? null : at.toString();
    }

    @Override
    public String filter(String position) {
        if (position == null) {
            return null;
        }
        Instant from = Instant.parse(position).minus(spec.lookback()).truncatedTo(ChronoUnit.SECONDS);
        return Template.render(spec.filter(), name -> Template.CURSOR.equals(name) ? format.write(from) : null);
    }

    @Override
    public void apply(PageRequest request, String filter) {
        if (spec.filterParams() != null) {
            if (filter != null) {
                spec.filterParams().forEach((name, template) -> request.param(name,
                        Template.render(template, variable -> Template.CURSOR.equals(variable) ? filter : null)));
            }
        } else if (spec.filterParam() != null) {
            if (filter != null) {
                request.param(spec.filterParam(), filter);
            }
        } else if (filter == null) {
            request.variables().putNull(spec.filterVariable());
        } else {
            request.variables().put(spec.filterVariable(), filter);
        }
    }

    @Override
    public String advance(String position, List<JsonNode> records) {
        Instant max = position == null ? null : Instant.parse(position);
        for (JsonNode record : records) {
            Instant at = fieldFormat.read(record.get(spec.field()));
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
}
