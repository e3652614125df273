package io.mekong.connector.spec;

import java.time.Duration;

/**
 * A stream's {@code window} block, for APIs whose filter is a time range with a cap (Shopee: 15 days per query).
 * A run reads consecutive windows {@code [from, from + size)} from where the last run ended (minus
 * {@code lookback}) up to the moment the run started, paging inside each; the checkpoint moves to a window's end
 * once the window is read. Replaces {@code cursor}, since the range is the filter.
 *
 * @param size      the longest range one query may ask for
 * @param fromParam query parameter of the range's start
 * @param toParam   query parameter of the range's end
 * @param format    how the API writes a time (see {@code cursor.format}; default {@code epochSeconds})
 * @param start     how far back the first run of a connection reads (default 365 days)
 * @param lookback  how far before the checkpoint later runs start
 */
public record WindowSpec(Duration size, String fromParam, String toParam, String format, Duration start, Duration lookback) {

    public WindowSpec {
        SpecProblem.require(size, "size");
        if (size.isZero() || size.isNegative()) {
            throw new SpecProblem("size", "must be positive");
        }
        SpecProblem.require(fromParam, "fromParam");
        SpecProblem.require(toParam, "toParam");
        format = format == null ? "epochSeconds" : format;
        CursorFormat.of(format);
        start = start == null ? Duration.ofDays(365) : start;
        lookback = lookback == null ? Duration.ZERO : lookback;
        if (lookback.isNegative() || start.isNegative()) {
            throw new SpecProblem(lookback.isNegative() ? "lookback" : "start", "must not be negative");
        }
    }
}
