package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.connector.spec.CursorFormat;
import io.mekong.connector.spec.WindowSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The windows of a windowed stream's run. The checkpoint has the shape of {@link DatetimeCursor}'s
 * ({@code {"cursor": "<instant>"}}), so a stream can move between the two without a full re-read.
 */
final class TimeWindows {

    private final WindowSpec spec;
    private final CursorFormat format;
    private final Clock clock;

    TimeWindows(WindowSpec spec, Clock clock) {
        this.spec = spec;
        this.format = CursorFormat.of(spec.format());
        this.clock = clock;
    }

    /** The token of a run's first page: its first window starts at the checkpoint minus lookback, or {@code start} ago. */
    PageToken firstPage(JsonNode checkpoint) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant committed = checkpoint == null ? null
                : CursorFormat.of("iso").read(checkpoint.get(DatetimeCursor.CHECKPOINT_FIELD));
        Instant from = committed == null ? end.minus(spec.start()) : committed.minus(spec.lookback());
        return new PageToken(null, null, null, from.toString(), end.toString());
    }

    void apply(PageRequest request, PageToken token) {
        Instant from = Instant.parse(token.window());
        request.param(spec.fromParam(), format.write(from));
        request.param(spec.toParam(), format.write(windowEnd(token)));
    }

    /** The token after the last page of this token's window: the next window's first page, or null at the run's end. */
    PageToken nextWindow(PageToken token) {
        Instant to = windowEnd(token);
        return to.isBefore(Instant.parse(token.runEnd()))
                ? new PageToken(null, null, null, to.toString(), token.runEnd()) : null;
    }

    /** The checkpoint once this token's window is read: everything updated before its end has been seen. */
    JsonNode checkpointAfter(PageToken token) {
        return JsonNodeFactory.instance.objectNode().put(DatetimeCursor.CHECKPOINT_FIELD, windowEnd(token).toString());
    }

    private Instant windowEnd(PageToken token) {
        Instant to = Instant.parse(token.window()).plus(spec.size());
        Instant end = Instant.parse(token.runEnd());
        return to.isAfter(end) ? end : to;
    }
}
