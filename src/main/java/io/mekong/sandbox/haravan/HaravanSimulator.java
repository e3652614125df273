package io.mekong.sandbox.haravan;

import io.mekong.sandbox.QueryParameters;
import io.mekong.sandbox.Refusal;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Haravan's two hosts in one: accounts.haravan.com ({@code POST /connect/token}, see {@link HaravanAccounts}) and the
 * Omni REST API at apis.haravan.com, the part a sync reads: {@code GET /com/orders.json}, {@code /com/orders/{id}.json},
 * {@code /com/orders/count.json}, {@code /com/customers.json} and {@code /com/customers/{id}.json}.
 * <ul>
 *   <li>Auth: {@code Authorization: Bearer <access token>}; an expired or unknown token is answered 401 with
 *       {@code WWW-Authenticate: Bearer error="invalid_token"}; a token without the resource's scope
 *       ({@code com.read_orders}, {@code com.read_customers}) 403.</li>
 *   <li>Paging: {@code limit} (1..250, default 50) and {@code page} (from 1); no total and no link: the last page is the
 *       short one. Newest first (by id). Filters: {@code updated_at_min}/{@code _max}, {@code created_at_min}/{@code _max}
 *       (inclusive, ISO-8601), {@code since_id}, {@code ids}; orders also {@code status} (open, closed, cancelled,
 *       any; default open, as Shopify's REST API did).</li>
 *   <li>Throttling: a leaky bucket of 80 calls leaking 4 a second per shop; a call that finds it full is answered 429
 *       with {@code Retry-After}; every answer carries {@code X-Haravan-Api-Call-Limit: used/80}.</li>
 * </ul>
 */
public final class HaravanSimulator implements HttpSimulator {

    private static final Pattern ROUTE = Pattern.compile("/com/(orders|customers)(?:/(\\d+|count))?\\.json");
    private static final Set<String> STATUSES = Set.of("open", "closed", "cancelled", "any");
    private static final int MAX_LIMIT = 250;

    private final HaravanAccounts accounts;
    private final Map<Long, HaravanShop> shops = new LinkedHashMap<>();

    public HaravanSimulator(HaravanAccounts accounts, List<HaravanShop> shops) {
        this.accounts = accounts;
        shops.forEach(shop -> this.shops.put(shop.orgId(), shop));
    }

    public HaravanAccounts accounts() {
        return accounts;
    }

    public HaravanShop shop(long orgId) {
        return shops.get(orgId);
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (path.equals("/connect/token")) {
            return method.equals("POST") ? accounts.token(h.get("Authorization"), body)
                    : SimulatorResponse.json(405, "{\"error\":\"invalid_request\"}");
        }
        Matcher route = ROUTE.matcher(path);
        if (!route.matches() || !method.equals("GET")) {
            return errors(404, "Not Found");
        }
        String authorization = h.get("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        Optional<HaravanAccounts.Grant> grant = token == null ? Optional.empty() : accounts.grant(token);
        if (grant.isEmpty()) {
            String challenge = token == null ? "Bearer" : accounts.expired(token)
                    ? "Bearer error=\"invalid_token\", error_description=\"The token is expired\""
                    : "Bearer error=\"invalid_token\"";
            return errors(401, "[API] Invalid API key or access token (unrecognized login or wrong password)")
                    .withHeader("WWW-Authenticate", challenge);
        }
        HaravanShop shop = shops.get(grant.get().orgId());
        String resource = route.group(1);
        String scope = "com.read_" + resource;
        if (!grant.get().scopes().contains(scope) && !grant.get().scopes().contains("com.write_" + resource)) {
            return errors(403, "[API] This action requires merchant approval for " + scope + " scope.");
        }
        if (!shop.bucket().tryTake(1)) {
            double wait = (1 - shop.bucket().available()) / HaravanShop.LEAK_PER_SECOND;
            return errors(429, "Exceeded " + (int) HaravanShop.LEAK_PER_SECOND + " calls per second for api client."
                    + " Reduce request rates to resume uninterrupted service.")
                    .withHeader("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(wait))))
                    .withHeader("X-Haravan-Api-Call-Limit", HaravanShop.BUCKET + "/" + HaravanShop.BUCKET);
        }
        String used = Math.round(HaravanShop.BUCKET - shop.bucket().available()) + "/" + HaravanShop.BUCKET;
        Optional<FaultInjector.Fault> fault = shop.faults().next();
        if (fault.isPresent()) {
            return (fault.get().isThrottle()
                    ? errors(429, "Exceeded 4 calls per second for api client. Reduce request rates to resume uninterrupted service.")
                    .withHeader("Retry-After", Long.toString((long) Math.ceil(fault.get().retryAfterSeconds())))
                    : errors(fault.get().status(), "Internal Server Error")).withHeader("X-Haravan-Api-Call-Limit", used);
        }
        try {
            return answer(shop, resource, route.group(2), params(q < 0 ? "" : pathAndQuery.substring(q + 1)))
                    .withHeader("X-Haravan-Api-Call-Limit", used);
        } catch (Refusal e) {
            return e.response().withHeader("X-Haravan-Api-Call-Limit", used);
        }
    }

    private SimulatorResponse answer(HaravanShop shop, String resource, String id, Map<String, String> p) {
        String singular = resource.substring(0, resource.length() - 1);
        if (id != null && !id.equals("count")) {
            Optional<ObjectNode> row = resource.equals("orders") ? shop.order(Long.parseLong(id)) : shop.customer(Long.parseLong(id));
            return row.map(r -> {
                ObjectNode wrapped = HaravanShop.NODES.objectNode();
                wrapped.set(singular, r);
                return SimulatorResponse.json(200, wrapped.toString());
            }).orElseGet(() -> errors(404, "Not Found"));
        }
        List<ObjectNode> rows = new ArrayList<>(resource.equals("orders") ? shop.orders() : shop.customers());
        filter(rows, p, resource.equals("orders"));
        if (id != null) {
            return SimulatorResponse.json(200, HaravanShop.NODES.objectNode().put("count", rows.size()).toString());
        }
        int limit = integer(p, "limit", 50);
        int page = integer(p, "page", 1);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refusal(errors(422, "limit must be between 1 and " + MAX_LIMIT));
        }
        if (page < 1) {
            throw new Refusal(errors(422, "page must be greater than 0"));
        }
        rows.sort(Comparator.comparingLong((ObjectNode r) -> r.get("id").asLong()).reversed());
        ObjectNode answer = HaravanShop.NODES.objectNode();
        ArrayNode list = answer.putArray(resource);
        long from = (long) (page - 1) * limit;
        rows.stream().skip(from).limit(limit).forEach(list::add);
        return SimulatorResponse.json(200, answer.toString());
    }

    private static void filter(List<ObjectNode> rows, Map<String, String> p, boolean orders) {
        bound(rows, p, "updated_at_min", "updated_at", true);
        bound(rows, p, "updated_at_max", "updated_at", false);
        bound(rows, p, "created_at_min", "created_at", true);
        bound(rows, p, "created_at_max", "created_at", false);
        if (p.containsKey("since_id")) {
            long since = integer(p, "since_id", 0);
            rows.removeIf(r -> r.get("id").asLong() <= since);
        }
        if (p.containsKey("ids")) {
            Set<String> ids = Set.of(p.get("ids").split(","));
            rows.removeIf(r -> !ids.contains(r.get("id").asText()));
        }
        if (orders) {
            String status = p.getOrDefault("status", "open");
            if (!STATUSES.contains(status)) {
                throw new Refusal(errors(422, "status is invalid: " + status));
            }
            rows.removeIf(r -> switch (status) {
                case "open" -> !r.path("closed_status").asText().equals("unclosed")
                        || r.path("cancelled_status").asText().equals("cancelled");
                case "closed" -> !r.path("closed_status").asText().equals("closed");
                case "cancelled" -> !r.path("cancelled_status").asText().equals("cancelled");
                default -> false;
            });
        }
    }

    private static void bound(List<ObjectNode> rows, Map<String, String> p, String param, String field, boolean min) {
        String value = p.get(param);
        if (value == null) {
            return;
        }
        Instant limit;
        try {
            limit = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(errors(422, param + " is not a valid date: " + value));
        }
        rows.removeIf(r -> {
            Instant at = Instant.parse(r.get(field).asText());
            return min ? at.isBefore(limit) : at.isAfter(limit);
        });
    }

    private static int integer(Map<String, String> p, String name, int otherwise) {
        String value = p.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Refusal(errors(422, name + " must be an integer"));
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        QueryParameters.parse(query).forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }

    /** Haravan's error body, Shopify's shape: {@code {"errors": "..."}}. */
    static SimulatorResponse errors(int status, String message) {
        return SimulatorResponse.json(status, HaravanShop.NODES.objectNode().put("errors", message).toString());
    }

    /** A request refused while it is read, carrying the answer. */
}
