package io.mekong.connector.spec;

import java.time.Duration;

/**
 * A stream's {@code cursor} block: incremental reads on a timestamp field.
 *
 * @param field          record field holding the timestamp, e.g. {@code updatedAt}
 * @param filter         template of the server-side filter, with {@code {{cursor}}} = checkpoint minus lookback
 * @param filterVariable GraphQL streams: the variable that receives the filter (default {@code query})
 * @param filterParam    REST streams: the query parameter that receives the filter
 * @param format         how the field and {@code {{cursor}}} write a time: {@code iso} (ISO-8601 with offset, the
 *                       default), {@code epochSeconds}, {@code epochMillis}, or a UTC pattern such as
 *                       {@code yyyy-MM-dd HH:mm:ss} (Magento)
 * @param order          the order records arrive in: {@code ascending} (the checkpoint advances with every stored
 *                       page) or {@code descending}/{@code unordered} (it advances only when the run completes, so a
 *                       crash mid-run never skips the older records not yet read)
 * @param lookback       how far behind the checkpoint a run starts, to catch records committed late
 */
public record CursorSpec(String field, String filter, String filterVariable, String filterParam, String format,
                         String order, Duration lookback) {

    public CursorSpec {
        SpecProblem.require(field, "field");
        SpecProblem.require(filter, "filter");
        if (!Template.variables(filter).contains(Template.CURSOR)) {
            throw new SpecProblem("filter", "must contain {{cursor}}");
        }
        if (filterVariable != null && filterParam != null) {
            throw new SpecProblem("filterParam", "and filterVariable are exclusive (REST or GraphQL)");
        }
        filterVariable = filterVariable == null && filterParam == null ? "query" : filterVariable;
        format = format == null ? "iso" : format;
        CursorFormat.of(format);
        order = order == null ? "ascending" : order;
        if (!order.equals("ascending") && !order.equals("descending") && !order.equals("unordered")) {
            throw new SpecProblem("order", "must be ascending, descending or unordered (was '" + order + "')");
        }
        lookback = lookback == null ? Duration.ZERO : lookback;
        if (lookback.isNegative()) {
            throw new SpecProblem("lookback", "must not be negative");
        }
    }

    /** Whether the checkpoint may advance with every page (records come oldest first). */
    public boolean ascending() {
        return order.equals("ascending");
    }
}
