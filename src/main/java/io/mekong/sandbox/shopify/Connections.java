package io.mekong.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphqlErrorException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Relay connections over in-memory rows. Cursors are seek positions, base64 of
 * {@code {"last_id":…,"last_value":…}} like Shopify's: a cursor stays valid and keeps its place when other rows
 * change, and a row whose sort value moves past the cursor is served again later in the same walk.
 * <p>
 * Rows come pre-sorted in a {@link NavigableMap}; a page seeks its cursors and applies the search filter only to
 * the rows it walks past, so it costs O(log n + rows examined) — rows returned plus one on each side for
 * {@code hasNextPage}/{@code hasPreviousPage} when the filter matches them.
 */
final class Connections {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CURSOR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** A row's place in a sort: its sort value (epoch seconds, id or position), then its id. */
    record Key(long value, long id) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::value).thenComparingLong(Key::id);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Rows sorted ascending by key, whether the sort value is a time (cursors show it as a timestamp), whether
     * the connection lists them descending, and the range of sort values a search filter allows (inclusive).
     */
    record Sort<T extends Identified>(NavigableMap<Key, T> rows, boolean time, boolean reverse, long from, long to) {

        Sort(NavigableMap<Key, T> rows, boolean time, boolean reverse) {
            this(rows, time, reverse, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** Only rows whose sort value lies in {@code [from, to]}: lets a range filter seek instead of scan. */
        Sort<T> within(long from, long to) {
            return new Sort<>(rows, time, reverse, Math.max(this.from, from), Math.min(this.to, to));
        }
    }

    /** The page arguments of a connection field. */
    record Window(Integer first, String after, Integer last, String before) {
    }

    /** One edge; its cursor is only encoded when the query asks for it. */
    record Edge<T>(T node, Key key, boolean time) {

        public String cursor() {
            return encode(key, time);
        }
    }

    record PageInfo(boolean hasNextPage, boolean hasPreviousPage, Edge<?> start, Edge<?> end) {

        public String startCursor() {
            return start == null ? null : start.cursor();
        }

        public String endCursor() {
            return end == null ? null : end.cursor();
        }
    }

    record Connection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo) {
    }

    private Connections() {
    }

    /** Rows in the order of {@code rows} (line items, variants: by position, as Shopify lists them). */
    static <T extends Identified> Connection<T> positional(List<T> rows, Window window) {
        NavigableMap<Key, T> byPosition = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byPosition.put(new Key(i, rows.get(i).id()), rows.get(i));
        }
        return page(new Sort<>(byPosition, false, false), window, row -> true);
    }

    static <T extends Identified> Connection<T> page(Sort<T> sort, Window window, Predicate<? super T> filter) {
        Walk<T> walk = new Walk<>(sort);
        Cut low = walk.max(walk.rangeStart, window.after() == null ? Cut.START
                : Cut.after(decode(window.after(), sort.time())));
        Cut high = walk.max(low, walk.min(walk.rangeEnd, window.before() == null ? Cut.END
                : Cut.before(decode(window.before(), sort.time()))));
        NavigableMap<Key, T> between = walk.slice(low, high);
        List<Map.Entry<Key, T>> taken;
        Cut from = low;
        Cut to = high;
        if (window.first() != null) {
            taken = take(between, window.first(), filter);
            if (taken.size() == window.first()) {
                to = taken.isEmpty() ? low : Cut.after(taken.get(taken.size() - 1).getKey());
            }
            if (window.last() != null && taken.size() >= window.last()) {
                taken = taken.subList(taken.size() - window.last(), taken.size());
                from = taken.isEmpty() ? to : Cut.before(taken.get(0).getKey());
            }
        } else if (window.last() != null) {
            taken = take(between.descendingMap(), window.last(), filter);
            Collections.reverse(taken);
            if (taken.size() == window.last()) {
                from = taken.isEmpty() ? high : Cut.before(taken.get(0).getKey());
            }
        } else {
            taken = take(between, Integer.MAX_VALUE, filter);
        }
        List<Edge<T>> edges = new ArrayList<>(taken.size());
        List<T> nodes = new ArrayList<>(taken.size());
        for (Map.Entry<Key, T> row : taken) {
            edges.add(new Edge<>(row.getValue(), row.getKey(), sort.time()));
            nodes.add(row.getValue());
        }
        boolean hasNext = !take(walk.slice(to, walk.rangeEnd), 1, filter).isEmpty();
        // a cursor may lie past the range a filter allows: rows between cannot count as previous
        Cut previousEnd = walk.min(from, walk.rangeEnd);
        boolean hasPrevious = !take(walk.slice(walk.rangeStart, previousEnd).descendingMap(), 1, filter).isEmpty();
        return new Connection<>(edges, nodes, new PageInfo(hasNext, hasPrevious,
                edges.isEmpty() ? null : edges.get(0), edges.isEmpty() ? null : edges.get(edges.size() - 1)));
    }

    /** The first {@code limit} rows of {@code rows} that pass {@code filter}, testing no row beyond them. */
    private static <T> List<Map.Entry<Key, T>> take(NavigableMap<Key, T> rows, int limit, Predicate<? super T> filter) {
        List<Map.Entry<Key, T>> taken = new ArrayList<>(Math.min(limit, 16));
        Iterator<Map.Entry<Key, T>> it = rows.entrySet().iterator();
        while (taken.size() < limit && it.hasNext()) {
            Map.Entry<Key, T> row = it.next();
            if (filter.test(row.getValue())) {
                taken.add(row);
            }
        }
        return taken;
    }

    /**
     * A gap between rows of the walk: just before or just after a key, or the start or end of all rows.
     * Cuts are compared in walk order, which is descending for reverse sorts.
     */
    private record Cut(Key key, boolean afterKey, int end) {

        static final Cut START = new Cut(null, false, -1);
        static final Cut END = new Cut(null, false, 1);

        static Cut before(Key key) {
            return new Cut(key, false, 0);
        }

        static Cut after(Key key) {
            return new Cut(key, true, 0);
        }
    }

    /** Slicing a sort in walk order between cuts. */
    private static final class Walk<T extends Identified> {

        private final NavigableMap<Key, T> view;
        private final Comparator<? super Key> order;
        final Cut rangeStart;
        final Cut rangeEnd;

        Walk(Sort<T> sort) {
            this.view = sort.reverse() ? sort.rows().descendingMap() : sort.rows();
            this.order = sort.reverse() ? Comparator.reverseOrder() : Comparator.naturalOrder();
            Key lowest = new Key(sort.from(), Long.MIN_VALUE);
            Key highest = new Key(sort.to(), Long.MAX_VALUE);
            this.rangeStart = Cut.before(sort.reverse() ? highest : lowest);
            this.rangeEnd = Cut.after(sort.reverse() ? lowest : highest);
        }

        int compare(Cut a, Cut b) {
            if (a.end() != 0 || b.end() != 0) {
                return Integer.compare(a.end(), b.end());
            }
            int byKey = order.compare(a.key(), b.key());
            return byKey != 0 ? byKey : Boolean.compare(a.afterKey(), b.afterKey());
        }

        Cut max(Cut a, Cut b) {
            return compare(a, b) >= 0 ? a : b;
        }

        Cut min(Cut a, Cut b) {
            return compare(a, b) <= 0 ? a : b;
        }

        /** The rows between two cuts, in walk order. */
        NavigableMap<Key, T> slice(Cut low, Cut high) {
            if (compare(low, high) >= 0) {
                return Collections.emptyNavigableMap();
            }
            if (low.end() < 0 && high.end() > 0) {
                return view;
            }
            if (low.end() < 0) {
                return view.headMap(high.key(), high.afterKey());
            }
            if (high.end() > 0) {
                return view.tailMap(low.key(), !low.afterKey());
            }
            return view.subMap(low.key(), !low.afterKey(), high.key(), high.afterKey());
        }
    }

    static String encode(Key key, boolean time) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("last_id", key.id());
        cursor.put("last_value", time
                ? CURSOR_TIME.format(LocalDateTime.ofEpochSecond(key.value(), 0, ZoneOffset.UTC))
                : key.value());
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(cursor));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Key decode(String cursor, boolean time) {
        try {
            JsonNode node = JSON.readTree(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
            long id = node.get("last_id").asLong();
            JsonNode value = node.get("last_value");
            long sortValue = time
                    ? LocalDateTime.parse(value.asText(), CURSOR_TIME).toEpochSecond(ZoneOffset.UTC)
                    : value.asLong();
            return new Key(sortValue, id);
        } catch (Exception e) {
            throw GraphqlErrorException.newErrorException().message("Invalid cursor for current pagination sort.")
                    .build();
        }
    }
}
