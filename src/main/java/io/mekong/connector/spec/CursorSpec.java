package io.mekong.connector.spec;

import java.time.Duration;

/**
 * A stream's {@code cursor} block: incremental reads on a timestamp field.
 *
 * @param field          record field holding the timestamp (ISO-8601), e.g. {@code updatedAt}
 * @param filter         template of the server-side filter, with {@code {{cursor}}} = checkpoint minus lookback
 * @param filterVariable GraphQL variable that receives the filter
 * @param lookback       how far behind the checkpoint a run starts, to catch records committed late
 */
public record CursorSpec(String field, String filter, String filterVariable, Duration lookback) {

    public CursorSpec {
        SpecProblem.require(field, "field");
        SpecProblem.require(filter, "filter");
        if (!Template.variables(filter).contains(Template.CURSOR)) {
            throw new SpecProblem("filter", "must contain {{cursor}}");
        }
        filterVariable = filterVariable == null ? "query" : filterVariable;
        lookback = lookback == null ? Duration.ZERO : lookback;
        if (lookback.isNegative()) {
            throw new SpecProblem("lookback", "must not be negative");
        }
    }
}
