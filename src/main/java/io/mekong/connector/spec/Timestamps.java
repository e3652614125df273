package io.mekong.connector.spec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** Times written in a pattern: at the offset the text carries when the pattern has one, else as UTC. */
public final class Timestamps {

    private Timestamps() {
    }

    /** @throws java.time.DateTimeException when the text does not fit the pattern */
    public static Instant parse(String text, DateTimeFormatter pattern) {
        TemporalAccessor parsed = pattern.withZone(null).parse(text);
        return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed).toInstant()
                : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }
}
