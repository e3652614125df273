package io.mekong.sandbox.stripe;

import io.mekong.sandbox.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.QueryParameters;
import io.mekong.sandbox.SimulatorResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * api.stripe.com, the part a sync reads: {@code GET /v1/customers}, {@code /v1/payment_intents}, {@code /v1/charges},
 * {@code /v1/refunds}, {@code /v1/balance_transactions} and {@code /v1/events} of the account whose key is sent
 * ({@code Authorization: Bearer sk_…}, or Basic with the key as the user name). Lists are newest first,
 * {@code limit} 1..100 (default 10), {@code starting_after}/{@code ending_before}, {@code created[gt|gte|lt|lte]},
 * {@code expand[]} of the ids a list may expand; any other parameter is refused with {@code parameter_unknown}.
 * Errors carry Stripe's envelope and messages; every response carries {@code Request-Id} and the
 * {@code Stripe-Version} that shaped it.
 */
public final class StripeSimulator implements HttpSimulator {

    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?");
    private static final Pattern RETRIEVE = Pattern.compile("(/v1/[a-z_]+)/([A-Za-z0-9_]+)");
    private static final Set<String> LIST_PARAMS = Set.of("limit", "starting_after", "ending_before", "created",
            "created[gt]", "created[gte]", "created[lt]", "created[lte]", "expand[]");

    /** One list endpoint: the object type it lists, the filters it takes and what its items may expand. */
    private record Endpoint(String type, String permission, Map<String, String> filters, Map<String, String> expandable) {
    }

    private static final Map<String, Endpoint> ENDPOINTS = Map.of(
            "/v1/customers", new Endpoint("customer", "rak_customer_read", Map.of("email", "email"), Map.of()),
            "/v1/payment_intents", new Endpoint("payment_intent", "rak_payment_intent_read",
                    Map.of("customer", "customer"), Map.of("data.latest_charge", "charge", "data.customer", "customer")),
            "/v1/charges", new Endpoint("charge", "rak_charge_read",
                    Map.of("customer", "customer", "payment_intent", "payment_intent"),
                    Map.of("data.balance_transaction", "balance_transaction", "data.customer", "customer")),
            "/v1/refunds", new Endpoint("refund", "rak_refund_read",
                    Map.of("charge", "charge", "payment_intent", "payment_intent"),
                    Map.of("data.balance_transaction", "balance_transaction", "data.charge", "charge")),
            "/v1/balance_transactions", new Endpoint("balance_transaction", "rak_balance_transaction_source_read",
                    Map.of("type", "type", "source", "source", "currency", "currency"), Map.of()),
            "/v1/events", new Endpoint("event", "rak_event_read", Map.of("type", "type"), Map.of()));

    private final List<StripeAccount> accounts;
    private final AtomicLong requests = new AtomicLong();

    public StripeSimulator(List<StripeAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    public List<StripeAccount> accounts() {
        return accounts;
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        String requestId = String.format("req_%014d", requests.incrementAndGet());
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String version = h.get("Stripe-Version");
        SimulatorResponse response = answer(method, path, q < 0 ? "" : pathAndQuery.substring(q + 1), h, version);
        return response.withHeader("Request-Id", requestId)
                .withHeader("Stripe-Version", version != null && VERSION.matcher(version).matches() ? version : StripeAccount.API_VERSION);
    }

    private SimulatorResponse answer(String method, String path, String query, Map<String, String> headers, String version) {
        String key = apiKey(headers.get("Authorization"));
        if (key == null) {
            return StripeErrors.noApiKey();
        }
        Optional<StripeAccount> account = accounts.stream().filter(a -> a.keys().containsKey(key)).findFirst();
        if (account.isEmpty()) {
            return StripeErrors.invalidApiKey(key);
        }
        Matcher retrieve = RETRIEVE.matcher(path);
        String objectId = endpointIdOf(retrieve);
        Endpoint endpoint = ENDPOINTS.get(objectId == null ? path : retrieve.group(1));
        if (endpoint == null || !method.equals("GET")) {
            return StripeErrors.unrecognizedUrl(method, path);
        }
        if (version != null && !VERSION.matcher(version).matches()) {
            return StripeErrors.invalid(400, "Invalid Stripe API version: " + version, null, null);
        }
        StripeAccount a = account.get();
        if (!a.keys().get(key).allows(endpoint.permission())) {
            return StripeErrors.permission(key, a.id(), endpoint.permission());
        }
        Optional<FaultInjector.Fault> fault = a.faults().next();
        if (fault.isPresent()) {
            return fault.get().isThrottle() ? StripeErrors.rateLimited() : StripeErrors.apiError(fault.get().status());
        }
        if (!a.rateLimit().tryTake(1)) {
            return StripeErrors.rateLimited();
        }
        try {
            return objectId != null ? retrieve(a, endpoint, objectId, QueryParameters.parse(query))
                    : list(a, endpoint, path, QueryParameters.parse(query));
        } catch (Refusal e) {
            return e.response();
        }
    }

    private static String endpointIdOf(Matcher retrieve) {
        return retrieve.matches() && ENDPOINTS.containsKey(retrieve.group(1)) ? retrieve.group(2) : null;
    }

    /** {@code GET /v1/<objects>/<id>}: one object, its fields expandable by name ({@code expand[]=latest_charge}). */
    private SimulatorResponse retrieve(StripeAccount account, Endpoint endpoint, String id, List<Map.Entry<String, String>> params) {
        List<String> expand = new ArrayList<>();
        for (Map.Entry<String, String> p : params) {
            if (!p.getKey().equals("expand[]")) {
                throw new Refusal(StripeErrors.invalid(400, "Received unknown parameter: " + p.getKey(),
                        "parameter_unknown", p.getKey()));
            }
            if (!endpoint.expandable().containsKey("data." + p.getValue())) {
                throw new Refusal(StripeErrors.invalid(400, "This property cannot be expanded ("
                        + p.getValue() + ").", null, "expand"));
            }
            expand.add(p.getValue());
        }
        ObjectNode object = account.get(endpoint.type(), id);
        if (object == null) {
            return StripeErrors.invalid(404, "No such " + endpoint.type() + ": '" + id + "'", "resource_missing", "id");
        }
        expand.forEach(field -> expand(account, object, field, endpoint.expandable().get("data." + field)));
        return SimulatorResponse.json(200, object.toString());
    }

    /** The key of {@code Bearer <key>} or of {@code Basic base64(<key>:)}; null when there is none. */
    private static String apiKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String user = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = user.indexOf(':');
                String key = colon < 0 ? user : user.substring(0, colon);
                return key.isEmpty() ? null : key;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private SimulatorResponse list(StripeAccount account, Endpoint endpoint, String path, List<Map.Entry<String, String>> params) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> expand = new ArrayList<>();
        for (Map.Entry<String, String> p : params) {
            String name = p.getKey();
            if (!LIST_PARAMS.contains(name) && !endpoint.filters().containsKey(name)) {
                throw new Refusal(StripeErrors.invalid(400, "Received unknown parameter: " + name,
                        "parameter_unknown", name));
            }
            if (name.equals("expand[]")) {
                if (!endpoint.expandable().containsKey(p.getValue())) {
                    throw new Refusal(StripeErrors.invalid(400, "This property cannot be expanded ("
                            + p.getValue() + ").", null, "expand"));
                }
                expand.add(p.getValue());
            } else {
                single.put(name, p.getValue());
            }
        }
        int limit = single.containsKey("limit") ? integer("limit", single.get("limit")) : 10;
        if (limit < 1 || limit > 100) {
            throw new Refusal(StripeErrors.invalid(400, limit < 1 ? "This value must be greater than or equal to 1."
                    : "This value must be less than or equal to 100.", "parameter_invalid_integer", "limit"));
        }
        if (single.containsKey("starting_after") && single.containsKey("ending_before")) {
            throw new Refusal(StripeErrors.invalid(400,
                    "You may only specify one of these parameters: ending_before, starting_after.", null, "ending_before"));
        }

        List<ObjectNode> rows = new ArrayList<>(account.snapshot(endpoint.type()));
        rows.removeIf(filters(endpoint, single).negate());
        // newest first; ids grow with creation, so they order objects created in the same second
        rows.sort(Comparator.comparing((ObjectNode o) -> o.get("created").asLong())
                .thenComparing(o -> o.get("id").asText()).reversed());

        List<ObjectNode> page;
        boolean hasMore;
        if (single.containsKey("ending_before")) {
            int end = position(rows, single.get("ending_before"), endpoint.type(), "ending_before");
            int from = Math.max(0, end - limit);
            page = rows.subList(from, end);
            hasMore = from > 0;
        } else {
            int from = single.containsKey("starting_after")
                    ? position(rows, single.get("starting_after"), endpoint.type(), "starting_after") + 1 : 0;
            page = rows.subList(Math.min(from, rows.size()), Math.min(rows.size(), from + limit));
            hasMore = from + limit < rows.size();
        }

        ObjectNode answer = StripeObjects.NODES.objectNode();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        for (ObjectNode row : page) {
            for (String field : expand) {
                expand(account, row, field.substring("data.".length()), endpoint.expandable().get(field));
            }
            data.add(row);
        }
        answer.put("has_more", hasMore).put("url", path);
        return SimulatorResponse.json(200, answer.toString());
    }

    private static Predicate<ObjectNode> filters(Endpoint endpoint, Map<String, String> params) {
        Predicate<ObjectNode> all = row -> true;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String field = endpoint.filters().get(p.getKey());
            if (field != null) {
                all = all.and(row -> p.getValue().equals(row.path(field).asText(null)));
            }
        }
        String[][] bounds = {{"created", "eq"}, {"created[gt]", "gt"}, {"created[gte]", "gte"}, {"created[lt]", "lt"},
            {"created[lte]", "lte"}};
        for (String[] bound : bounds) {
            if (params.containsKey(bound[0])) {
                long limit = integer(bound[0], params.get(bound[0]));
                all = all.and(row -> {
                    long created = row.get("created").asLong();
                    return switch (bound[1]) {
                        case "gt" -> created > limit;
                        case "gte" -> created >= limit;
                        case "lt" -> created < limit;
                        case "lte" -> created <= limit;
                        default -> created == limit;
                    };
                });
            }
        }
        return all;
    }

    private static int position(List<ObjectNode> rows, String id, String type, String param) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new Refusal(StripeErrors.invalid(404, "No such " + type + ": '" + id + "'", "resource_missing", param));
    }

    private static void expand(StripeAccount account, ObjectNode row, String field, String type) {
        JsonNode id = row.get(field);
        if (id != null && id.isTextual()) {
            ObjectNode expanded = account.get(type, id.asText());
            if (expanded != null) {
                row.set(field, expanded);
            }
        }
    }

    private static int integer(String param, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Refusal(StripeErrors.invalid(400, "Invalid integer: " + value,
                    "parameter_invalid_integer", param));
        }
    }
}
