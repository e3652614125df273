package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /orders/get} (GetOrders): the filters, sort and offset paging of the real endpoint with its refusals:
 * {@code created_after} or {@code update_after} is required (ISO 8601 with offset, else {@code E017}), the bounds are
 * inclusive, {@code sort_by} created_at|updated_at ({@code E075}), {@code sort_direction} ASC|DESC ({@code E074}),
 * {@code offset} up to a cap ({@code E014}), {@code limit} 1 to 100 ({@code E019}), {@code status} one of Lazada's
 * ({@code E036}). Defaults as documented: newest created first, 100 a page.
 */
final class LazadaOrderQuery {

    static final int MAX_LIMIT = 100;
    /** The documented maxSize of {@code offset} (unverified: the hard cap is said to be about 5000). */
    static final int DEFAULT_MAX_OFFSET = 4500;
    private static final Set<String> STATUSES = Set.of("unpaid", "pending", "packed", "ready_to_ship", "shipped",
            "delivered", "canceled", "returned", "failed", "topack", "toship", "lost_by_3pl", "damaged_by_3pl",
            "failed_delivery", "shipped_back", "shipped_back_success", "shipped_back_failed", "package_scrapped");

    private LazadaOrderQuery() {
    }

    /** @throws LazadaReply.Refusal for a parameter Lazada refuses */
    static ObjectNode answer(List<ObjectNode> orders, Map<String, String> params, int maxOffset) {
        Instant createdAfter = time(params, "created_after");
        Instant updateAfter = time(params, "update_after");
        if (createdAfter == null && updateAfter == null) {
            throw LazadaReply.missing("created_after or update_after").refusal();
        }
        Predicate<ObjectNode> filter = bound("created_at", createdAfter, true).and(bound("updated_at", updateAfter, true))
                .and(bound("created_at", time(params, "created_before"), false))
                .and(bound("updated_at", time(params, "update_before"), false));
        String status = params.get("status");
        if (status != null && !status.isEmpty()) {
            if (!STATUSES.contains(status)) {
                throw LazadaReply.isp("E036", "E036: Invalid status filter").refusal();
            }
            filter = filter.and(o -> statuses(o).contains(status));
        }
        String sortBy = params.getOrDefault("sort_by", "created_at");
        if (!sortBy.equals("created_at") && !sortBy.equals("updated_at")) {
            throw LazadaReply.isp("E075", "E075: Invalid sort filter").refusal();
        }
        String direction = params.getOrDefault("sort_direction", "DESC");
        if (!direction.equals("ASC") && !direction.equals("DESC")) {
            throw LazadaReply.isp("E074", "E074: Invalid sort direction").refusal();
        }
        int offset = number(params, "offset", 0);
        if (offset < 0 || offset > maxOffset) {
            throw LazadaReply.isp("E014", "E014: Invalid Offset").refusal();
        }
        int limit = number(params, "limit", MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw LazadaReply.isp("E019", "E019: Invalid Limit").refusal();
        }
        // ties in time keep the order id's order, so pages never overlap or skip
        Comparator<ObjectNode> order = Comparator.<ObjectNode, Instant>comparing(o -> at(o, sortBy))
                .thenComparing(o -> o.get("order_id").asText());
        List<ObjectNode> matching = orders.stream().filter(filter)
                .sorted(direction.equals("ASC") ? order : order.reversed()).toList();
        List<ObjectNode> page = offset >= matching.size() ? List.of()
                : matching.subList(offset, Math.min(matching.size(), offset + limit));
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("count", Integer.toString(page.size())).put("countTotal", Integer.toString(matching.size()));
        ArrayNode list = data.putArray("orders");
        page.forEach(list::add);
        return data;
    }

    private static Instant time(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw LazadaReply.isp("E017", "E017: Invalid Date Format").refusal();
        }
    }

    private static int number(Map<String, String> params, String name, int absent) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Predicate<ObjectNode> bound(String field, Instant bound, boolean after) {
        if (bound == null) {
            return o -> true;
        }
        return o -> after ? !at(o, field).isBefore(bound) : !at(o, field).isAfter(bound);
    }

    private static Instant at(ObjectNode order, String field) {
        return OffsetDateTime.parse(order.get(field).asText(), LazadaSeller.TIME).toInstant();
    }

    private static Set<String> statuses(ObjectNode order) {
        Set<String> statuses = new HashSet<>();
        order.get("statuses").forEach(s -> statuses.add(s.asText()));
        return statuses;
    }
}
