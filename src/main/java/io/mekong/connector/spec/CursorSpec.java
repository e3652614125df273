package io.mekong.connector.spec;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A stream's {@code cursor} block: incremental reads on a timestamp field.
 *
 * @param field          record field holding the timestamp, e.g. {@code updatedAt}
 * @param filter         template of the server-side filter, with {@code {{cursor}}} = checkpoint minus lookback
 * @param filterVariable GraphQL streams: the variable that receives the filter (default {@code query})
 * @param filterParam    REST streams: the query parameter that receives the filter
 * @param filterParams   REST streams, instead of filterParam and filter: parameters sent only when the run has a
 *                       cursor, each a template that may use {@code {{cursor}}} (Magento's searchCriteria filter group)
 * @param format         how the field and {@code {{cursor}}} write a time: {@code iso} (ISO-8601 with offset, the
 *                       default), {@code epochSeconds}, {@code epochMillis}, or a UTC pattern such as
 *                       {@code yyyy-MM-dd HH:mm:ss} (Magento)
 * @param fieldFormat    how the records write the field, when not as the filter does (Lazada records
 *                       {@code 2025-03-04 10:15:30 +0700}, filters ISO-8601); default {@code format}
 * @param start          template of the instant (ISO-8601) a connection's first run starts from, for APIs that
 *                       refuse a list without a time filter (Lazada); absent: a first run sends no filter
 * @param order          the order records arrive in: {@code ascending} (the checkpoint advances with every stored
 *                       page) or {@code descending}/{@code unordered} (it advances only when the run completes, so a
 *                       crash mid-run never skips the older records not yet read)
 * @param lookback       how far behind the checkpoint a run starts, to catch records committed late
 */
public record CursorSpec(String field, String filter, String filterVariable, String filterParam,
                         Map<String, String> filterParams, String format, String fieldFormat, String start, String order,
                         Duration lookback) {

    public CursorSpec {
        SpecProblem.require(field, "field");
        filterParams = filterParams == null ? null : OrderedMaps.copy(filterParams);
        if (filterParams != null) {
            if (filter != null || filterParam != null || filterVariable != null) {
                throw new SpecProblem("filterParams", "replaces filter, filterParam and filterVariable; give one way");
            }
            if (filterParams.values().stream().noneMatch(v -> Template.variables(v).contains(Template.CURSOR))) {
                throw new SpecProblem("filterParams", "must use {{cursor}} in at least one value");
            }
            filter = "{{cursor}}";
        }
        SpecProblem.require(filter, "filter");
        if (!Template.variables(filter).contains(Template.CURSOR)) {
            throw new SpecProblem("filter", "must contain {{cursor}}");
        }
        if (filterVariable != null && filterParam != null) {
            throw new SpecProblem("filterParam", "and filterVariable are exclusive (REST or GraphQL)");
        }
        filterVariable = filterVariable == null && filterParam == null && filterParams == null ? "query" : filterVariable;
        format = format == null ? "iso" : format;
        CursorFormat.of(format);
        fieldFormat = fieldFormat == null ? format : fieldFormat;
        try {
            CursorFormat.of(fieldFormat);
        } catch (SpecProblem e) {
            throw new SpecProblem("fieldFormat", e.getMessage());
        }
        if (start != null && Template.variables(start).isEmpty()) {
            try {
                OffsetDateTime.parse(start);
            } catch (DateTimeParseException e) {
                throw new SpecProblem("start", "must be an ISO-8601 time with offset such as 2012-03-01T00:00:00+07:00,"
                        + " or a template giving one (was '" + start + "')");
            }
        }
        order = order == null ? "ascending" : order;
        if (!order.equals("ascending") && !order.equals("descending") && !order.equals("unordered")) {
            throw new SpecProblem("order", "must be ascending, descending or unordered (was '" + order + "')");
        }
        lookback = lookback == null ? Duration.ZERO : lookback;
        if (lookback.isNegative()) {
            throw new SpecProblem("lookback", "must not be negative");
        }
    }

    /** Whether the stream sends its filter as query parameters (REST). */
    public boolean rest() {
        return filterParam != null || filterParams != null;
    }

    /** Whether the checkpoint may advance with every page (records come oldest first). */
    public boolean ascending() {
        return order.equals("ascending");
    }
}
