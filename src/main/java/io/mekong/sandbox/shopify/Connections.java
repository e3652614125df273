package io.mekong.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphqlErrorException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Relay connections over in-memory rows. Cursors are seek positions, base64 of
 * {@code {"last_id":…,"last_value":…}} like Shopify's: a cursor stays valid and keeps its place when other rows
 * change, and a row whose sort value moves past the cursor is served again later in the same walk.
 */
final class Connections {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CURSOR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** How rows are ordered: a numeric sort value (epoch seconds or id) and whether it is a time. */
    record Order<T extends Identified>(ToLongFunction<T> value, boolean time, boolean reverse) {

        static <T extends Identified> Order<T> byId(boolean reverse) {
            return new Order<>(Identified::id, false, reverse);
        }

        /** Rows in the order of {@code rows} (line items, variants: by position, as Shopify lists them). */
        static <T extends Identified> Order<T> byPosition(List<T> rows) {
            return new Order<>(rows::indexOf, false, false);
        }

        Comparator<Key> keys() {
            Comparator<Key> ascending = Comparator.comparingLong(Key::value).thenComparingLong(Key::id);
            return reverse ? ascending.reversed() : ascending;
        }

        Key key(T row) {
            return new Key(value.applyAsLong(row), row.id());
        }
    }

    record Key(long value, long id) {
    }

    /** The page arguments of a connection field. */
    record Window(Integer first, String after, Integer last, String before) {
    }

    private Connections() {
    }

    static <T extends Identified> Map<String, Object> page(List<T> rows, Order<T> order, Window window) {
        Comparator<Key> keys = order.keys();
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> keys.compare(order.key(a), order.key(b)));
        int from = 0;
        int to = sorted.size();
        if (window.after() != null) {
            Key after = decode(window.after(), order.time());
            while (from < to && keys.compare(order.key(sorted.get(from)), after) <= 0) {
                from++;
            }
        }
        if (window.before() != null) {
            Key before = decode(window.before(), order.time());
            while (to > from && keys.compare(order.key(sorted.get(to - 1)), before) >= 0) {
                to--;
            }
        }
        if (window.first() != null) {
            to = Math.min(to, from + window.first());
        }
        if (window.last() != null) {
            from = Math.max(from, to - window.last());
        }
        List<T> nodes = sorted.subList(from, to);
        List<Map<String, Object>> edges = new ArrayList<>(nodes.size());
        for (T node : nodes) {
            edges.add(Map.of("cursor", encode(order.key(node), order.time()), "node", node));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < sorted.size());
        pageInfo.put("hasPreviousPage", from > 0);
        pageInfo.put("startCursor", nodes.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put("endCursor", nodes.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("nodes", List.copyOf(nodes));
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    static String encode(Key key, boolean time) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("last_id", key.id());
        cursor.put("last_value", time
                ? CURSOR_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(key.value()), ZoneOffset.UTC))
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
