package io.mekong.sandbox.shopify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Shopify's search syntax that sync clients use: space-separated terms (AND) of the form
 * {@code field:value} or {@code field:<op>value} with op one of {@code > >= < <=}, values optionally in single or
 * double quotes. Date values may be full timestamps (with offset or Z), local date-times or dates (both read in
 * the shop's time zone). Free text and unknown fields are ignored, as Shopify ignores filters it does not know.
 */
public final class SearchQuery {

    private static final Pattern TERM = Pattern.compile("(\\w+):(>=|<=|>|<)?('([^']*)'|\"([^\"]*)\"|(\\S+))");

    /** One field:op value term. */
    public record Term(String field, String op, String value) {
    }

    private final List<Term> terms;

    private SearchQuery(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static SearchQuery parse(String query) {
        List<Term> terms = new ArrayList<>();
        if (query != null) {
            Matcher m = TERM.matcher(query);
            while (m.find()) {
                String value = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
                terms.add(new Term(m.group(1).toLowerCase(Locale.ROOT), m.group(2) == null ? ":" : m.group(2), value));
            }
        }
        return new SearchQuery(terms);
    }

    public List<Term> terms() {
        return terms;
    }

    /**
     * A predicate over rows: {@code times} maps field names to timestamp accessors, {@code others} maps field
     * names to custom matchers of a term's value.
     */
    public <T> Predicate<T> predicate(ZoneId zone, Map<String, Function<T, OffsetDateTime>> times,
                                      Map<String, Function<String, Predicate<T>>> others) {
        Predicate<T> all = row -> true;
        for (Term term : terms) {
            if (times.containsKey(term.field())) {
                Function<T, OffsetDateTime> field = times.get(term.field());
                Bound bound = Bound.of(term.value(), zone);
                all = all.and(row -> {
                    OffsetDateTime value = field.apply(row);
                    return value != null && bound.test(term.op(), value.toInstant());
                });
            } else if (others.containsKey(term.field())) {
                all = all.and(others.get(term.field()).apply(term.value()));
            }
        }
        return all;
    }

    /** An inclusive range of epoch seconds. */
    public record Seconds(long from, long to) {
    }

    /**
     * The epoch seconds a row's {@code field} may have (truncated to the second) given this query's terms on that
     * field: a superset of what the predicate accepts, so a sorted walk can seek to it and still filter exactly.
     */
    public Seconds range(String field, ZoneId zone) {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        for (Term term : terms) {
            if (!term.field().equals(field)) {
                continue;
            }
            Bound bound = Bound.of(term.value(), zone);
            long start = bound.start().getEpochSecond();
            long end = bound.end().getEpochSecond();
            switch (term.op()) {
                case ">", ">=" -> from = Math.max(from, term.op().equals(">") ? end : start);
                case "<", "<=" -> to = Math.min(to, term.op().equals("<") ? start : end);
                default -> {
                    from = Math.max(from, start);
                    to = Math.min(to, end);
                }
            }
        }
        return new Seconds(from, to);
    }

    /** A time value of a term: an instant, or a whole day when only a date was given. */
    private record Bound(Instant start, Instant end) {

        static Bound of(String text, ZoneId zone) {
            try {
                Instant at = OffsetDateTime.parse(text).toInstant();
                return new Bound(at, at);
            } catch (DateTimeParseException notOffset) {
                try {
                    Instant at = LocalDateTime.parse(text).atZone(zone).toInstant();
                    return new Bound(at, at);
                } catch (DateTimeParseException notLocal) {
                    try {
                        LocalDate day = LocalDate.parse(text);
                        return new Bound(day.atStartOfDay(zone).toInstant(),
                                day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1));
                    } catch (DateTimeParseException notDate) {
                        throw new IllegalArgumentException("Invalid date in search query: " + text);
                    }
                }
            }
        }

        boolean test(String op, Instant value) {
            return switch (op) {
                case ">" -> value.isAfter(end);
                case ">=" -> !value.isBefore(start);
                case "<" -> value.isBefore(start);
                case "<=" -> !value.isAfter(end);
                default -> !value.isBefore(start) && !value.isAfter(end);
            };
        }
    }
}
