package io.mekong.connector.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How a system writes a point in time, both in its records and in its filters: ISO-8601 with an offset
 * (Shopify, Lazada filters), unix seconds (Stripe, Shopee), unix milliseconds, or a pattern: read as UTC when it
 * has no offset (Magento's {@code 2017-01-31 01:18:13}), else at the offset it reads (Lazada's records,
 * {@code 2025-03-04 10:15:30 +0700} with {@code yyyy-MM-dd HH:mm:ss Z}); written in UTC.
 */
public sealed interface CursorFormat {

    /** The instant a record's field holds, or null when it holds none or an unreadable one. */
    Instant read(JsonNode value);

    /** The instant as the system writes it in a filter. */
    String write(Instant instant);

    /** @throws SpecProblem naming {@code format} when the name is neither known nor a valid pattern */
    static CursorFormat of(String name) {
        return switch (name) {
            case "iso" -> new Iso();
            case "epochSeconds" -> new Epoch(1);
            case "epochMillis" -> new Epoch(1000);
            default -> {
                try {
                    yield new Pattern(DateTimeFormatter.ofPattern(name).withZone(ZoneOffset.UTC));
                } catch (IllegalArgumentException e) {
                    throw new SpecProblem("format", "must be iso, epochSeconds, epochMillis or a date-time pattern"
                            + " such as 'yyyy-MM-dd HH:mm:ss' (was '" + name + "': " + e.getMessage() + ")");
                }
            }
        };
    }

    record Iso() implements CursorFormat {
        @Override
        public Instant read(JsonNode value) {
            if (value == null || !value.isTextual()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public String write(Instant instant) {
            return instant.toString();
        }
    }

    /** @param perSecond 1 for seconds, 1000 for milliseconds */
    record Epoch(long perSecond) implements CursorFormat {
        @Override
        public Instant read(JsonNode value) {
            if (value == null || !(value.isIntegralNumber() || value.isTextual() && value.asText().matches("\\d{1,19}"))) {
                return null;
            }
            long n = value.isIntegralNumber() ? value.asLong() : Long.parseLong(value.asText());
            return perSecond == 1 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }

        @Override
        public String write(Instant instant) {
            return Long.toString(perSecond == 1 ? instant.getEpochSecond() : instant.toEpochMilli());
        }
    }

    record Pattern(DateTimeFormatter formatter) implements CursorFormat {
        @Override
        public Instant read(JsonNode value) {
            if (value == null || !value.isTextual()) {
                return null;
            }
            try {
                return Timestamps.parse(value.asText(), formatter);
            } catch (DateTimeException e) {
                return null;
            }
        }

        @Override
        public String write(Instant instant) {
            return formatter.format(instant);
        }
    }
}
