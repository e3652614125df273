package io.mekong.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The time a sender gives an event: unix seconds (Stripe's {@code created}) or ISO-8601 with offset (Shopify's header). */
final class EventTime {

    private EventTime() {
    }

    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.matches("\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
