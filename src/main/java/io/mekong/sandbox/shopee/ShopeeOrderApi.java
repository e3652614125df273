package io.mekong.sandbox.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three order APIs of a shop, once the gateway has let a call through: {@code get_order_list} (a time range of
 * at most 15 days, newest first, opaque cursors), {@code get_order_detail} (1 to 50 order_sn, optional fields only
 * when asked for) and {@code get_escrow_detail_batch} (POST, 1 to 50 order_sn in a JSON body).
 */
final class ShopeeOrderApi {

    static final String LIST_PATH = "/api/v2/order/get_order_list";
    static final String DETAIL_PATH = "/api/v2/order/get_order_detail";
    static final String ESCROW_PATH = "/api/v2/payment/get_escrow_detail_batch";
    static final long MAX_RANGE_SECONDS = 15L * 24 * 3600;
    static final int MAX_ORDER_SN = 50;

    /** Fields every get_order_detail answer has; the others come only when listed in response_optional_fields. */
    static final Set<String> ALWAYS = Set.of("order_sn", "region", "currency", "cod", "order_status", "create_time",
            "update_time", "days_to_ship", "ship_by_date", "message_to_seller");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATUSES = Set.of("UNPAID", "READY_TO_SHIP", "PROCESSED", "SHIPPED", "COMPLETED",
            "IN_CANCEL", "CANCELLED", "INVOICE_PENDING");

    /** What an API answered: {@code response}, or an error code and message. */
    record Answer(JsonNode response, String error, String message) {
        static Answer ok(JsonNode response) {
            return new Answer(response, null, null);
        }

        static Answer error(String error, String message) {
            return new Answer(null, error, message);
        }
    }

    Answer list(ShopeeShop shop, Map<String, String> query) {
        String field = query.getOrDefault("time_range_field", "");
        if (!field.equals("create_time") && !field.equals("update_time")) {
            return Answer.error("error_param", "Wrong parameters, detail: time_range_field must be create_time or update_time.");
        }
        String from = query.getOrDefault("time_from", "");
        String to = query.getOrDefault("time_to", "");
        if (!from.matches("\\d{1,12}") || !to.matches("\\d{1,12}")) {
            return Answer.error("error_param", "Wrong parameters, detail: time_from and time_to are required unix timestamps.");
        }
        long timeFrom = Long.parseLong(from);
        long timeTo = Long.parseLong(to);
        if (timeFrom > timeTo || timeTo - timeFrom > MAX_RANGE_SECONDS) {
            return Answer.error("order.order_list_invalid_time", "Start time must be earlier than end time and diff in 15days.");
        }
        String size = query.getOrDefault("page_size", "");
        if (!size.matches("\\d{1,4}") || Integer.parseInt(size) < 1 || Integer.parseInt(size) > 100) {
            return Answer.error("error_param", "Wrong parameters, detail: page_size should be between 1 and 100.");
        }
        String status = query.get("order_status");
        if (status != null && !STATUSES.contains(status)) {
            return Answer.error("error_param", "Wrong parameters, detail: order_status is invalid.");
        }
        Integer offset = offset(query.getOrDefault("cursor", ""));
        if (offset == null) {
            return Answer.error("error_param", "Wrong parameters, detail: cursor is invalid.");
        }
        List<ObjectNode> matching = new ArrayList<>(shop.orders());
        matching.removeIf(o -> o.get(field).asLong() < timeFrom || o.get(field).asLong() > timeTo
                || status != null && !status.equals(o.get("order_status").asText()));
        matching.sort(Comparator.<ObjectNode>comparingLong(o -> o.get(field).asLong()).reversed()
                .thenComparing(o -> o.get("order_sn").asText()));
        int end = Math.min(matching.size(), offset + Integer.parseInt(size));
        boolean withStatus = optionalFields(query).contains("order_status");
        ObjectNode response = JSON.createObjectNode();
        response.put("more", end < matching.size());
        response.put("next_cursor", end < matching.size() ? cursor(end) : "");
        ArrayNode list = response.putArray("order_list");
        for (ObjectNode order : matching.subList(Math.min(offset, end), end)) {
            ObjectNode listed = list.addObject().put("order_sn", order.get("order_sn").asText());
            if (withStatus) {
                listed.put("order_status", order.get("order_status").asText());
            }
        }
        return Answer.ok(response);
    }

    Answer detail(ShopeeShop shop, Map<String, String> query) {
        List<String> sns = Arrays.stream(query.getOrDefault("order_sn_list", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        Answer refused = checkCount(sns.size());
        if (refused != null) {
            return refused;
        }
        Set<String> optional = optionalFields(query);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("order_list");
        for (String sn : sns) {
            ObjectNode order = shop.order(sn);
            if (order != null) {
                order.retain(order.properties().stream().map(Map.Entry::getKey)
                        .filter(name -> ALWAYS.contains(name) || optional.contains(name)).toList());
                list.add(order);
            }
        }
        if (list.isEmpty()) {
            return Answer.error("error_not_found", "Wrong parameters, detail: the order is not found.");
        }
        return Answer.ok(response);
    }

    Answer escrow(ShopeeShop shop, byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return Answer.error("error_param", "The request body is not a valid json format");
        }
        JsonNode sns = request == null ? null : request.get("order_sn_list");
        if (sns == null || !sns.isArray() || sns.isEmpty()) {
            return Answer.error("error_param", "order_sn_list is required, format should be string[]");
        }
        if (sns.size() > MAX_ORDER_SN) {
            return Answer.error("exceed_max_limit", "Your request exceeds the max limit of 50 orders.");
        }
        ArrayNode response = JSON.createArrayNode();
        for (JsonNode sn : sns) {
            ObjectNode escrow = shop.escrow(sn.asText());
            if (escrow == null) {
                ObjectNode failed = response.addObject();
                failed.putObject("escrow_detail").put("order_sn", sn.asText()).putArray("return_order_sn_list");
                failed.put("fail_error", "order_not_found").put("fail_message", "The order info not found.");
            } else {
                response.add(escrow);
            }
        }
        return Answer.ok(response);
    }

    private static Answer checkCount(int count) {
        if (count == 0) {
            return Answer.error("error_param", "Wrong parameters, detail: order_sn_list is required.");
        }
        if (count > MAX_ORDER_SN) {
            return Answer.error("error_param", "Wrong parameters, detail: order_sn_list should have at most 50 order_sn.");
        }
        return null;
    }

    private static Set<String> optionalFields(Map<String, String> query) {
        Set<String> fields = new LinkedHashSet<>();
        for (String f : query.getOrDefault("response_optional_fields", "").split(",")) {
            if (!f.isBlank()) {
                fields.add(f.trim());
            }
        }
        return fields;
    }

    /** Cursors are opaque to clients (Shopee changed their form in 2025): here an offset, base64url-encoded. */
    private static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Integer offset(String cursor) {
        if (cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.matches("o:\\d{1,9}") ? Integer.parseInt(decoded.substring(2)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
