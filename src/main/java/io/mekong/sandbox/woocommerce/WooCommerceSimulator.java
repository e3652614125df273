package io.mekong.sandbox.woocommerce;

import io.mekong.sandbox.QueryParameters;
import io.mekong.sandbox.Refusal;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WordPress site's WooCommerce REST API v3, the part a sync reads: {@code GET /wp-json/wc/v3/orders},
 * {@code /orders/{id}}, {@code /orders/{id}/notes}, {@code /customers} and {@code /customers/{id}}.
 * <ul>
 *   <li>Auth: the REST API key as HTTP Basic ({@code consumer_key:consumer_secret}) or as the {@code consumer_key} and
 *       {@code consumer_secret} query parameters; WooCommerce's own error codes and messages when it is missing,
 *       unknown, wrong or lacks read permission.</li>
 *   <li>Paging: {@code page} and {@code per_page} (1..100, default 10); {@code X-WP-Total}, {@code X-WP-TotalPages} and
 *       {@code Link} with {@code rel="prev"} / {@code rel="next"} carrying every other parameter of the request; a page
 *       past the last is refused with {@code rest_post_invalid_page_number}.</li>
 *   <li>Orders: {@code orderby} (date, id, include, title, slug, modified), {@code order} (asc, desc; default desc),
 *       {@code modified_after}/{@code modified_before}/{@code after}/{@code before} (exclusive, in the site's time zone
 *       unless {@code dates_are_gmt=true} or the value has an offset), {@code status}. Both: {@code include} (ids,
 *       comma-separated). Customers: {@code orderby}
 *       (id, include, name, registered_date; default name), {@code order} (default asc), {@code email}, {@code role};
 *       they have no modified filter (only post-based collections do).</li>
 *   <li>Parameters WordPress does not know are ignored, as WordPress ignores them.</li>
 * </ul>
 * WooCommerce itself has no rate limiter; the hosts in front of it answer 429 with {@code Retry-After}, which the
 * store's {@link io.mekong.sandbox.FaultPlan} injects.
 */
public final class WooCommerceSimulator implements HttpSimulator {

    public static final String API = "/wp-json/wc/v3";
    static final int MAX_PER_PAGE = 100;
    private static final Pattern ROUTE = Pattern.compile(Pattern.quote(API)
            + "/(orders|customers)(?:/(\\d+)(/notes)?)?/?");
    private static final Set<String> ORDER_SORTS = Set.of("date", "id", "include", "title", "slug", "modified");
    private static final Set<String> CUSTOMER_SORTS = Set.of("id", "include", "name", "registered_date");
    private static final Set<String> ORDER_STATUSES = Set.of("any", "trash", "pending", "processing", "on-hold",
            "completed", "cancelled", "refunded", "failed", "checkout-draft");

    private final WooStore store;
    private final String mount;

    /** @param mount the path the simulator is served under (e.g. {@code /sandbox/woocommerce}); links include it */
    public WooCommerceSimulator(WooStore store, String mount) {
        this.store = store;
        this.mount = mount;
    }

    public WooStore store() {
        return store;
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        List<Map.Entry<String, String>> params = QueryParameters.parse(q < 0 ? "" : pathAndQuery.substring(q + 1));
        Matcher route = ROUTE.matcher(path);
        if (!route.matches() || !method.equals("GET")) {
            return WooErrors.error(404, "rest_no_route", "No route was found matching the URL and request method.");
        }
        boolean single = route.group(2) != null;
        Optional<SimulatorResponse> refused = authenticate(h.get("Authorization"), first(params), single);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<FaultInjector.Fault> fault = store.faults().next();
        if (fault.isPresent()) {
            return fault.get().isThrottle() ? WooErrors.tooManyRequests(fault.get().retryAfterSeconds())
                    : WooErrors.error(fault.get().status(), "internal_server_error",
                    "There has been a critical error on this website.");
        }
        try {
            String resource = route.group(1);
            if (!single) {
                return list(resource, first(params), params, h.get("Host"), path);
            }
            long id = Long.parseLong(route.group(2));
            if (route.group(3) != null) {
                return store.notes(id).map(notes -> json(200, notes.toString()))
                        .orElseGet(() -> WooErrors.error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID."));
            }
            Optional<ObjectNode> row = resource.equals("orders") ? store.order(id) : store.customer(id);
            return row.map(r -> json(200, r.toString())).orElseGet(() -> resource.equals("orders")
                    ? WooErrors.error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
                    : WooErrors.error(404, "woocommerce_rest_invalid_id", "Invalid resource ID."));
        } catch (Refusal e) {
            return e.response();
        }
    }

    /** Basic first, then the query parameters, as WooCommerce's authentication does over HTTPS. */
    private Optional<SimulatorResponse> authenticate(String authorization, Map<String, String> params, boolean single) {
        String key = null;
        String secret = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                key = colon < 0 ? pair : pair.substring(0, colon);
                secret = colon < 0 ? "" : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                key = null;
            }
        } else if (params.containsKey("consumer_key")) {
            key = params.get("consumer_key");
            secret = params.getOrDefault("consumer_secret", "");
        }
        if (key == null || key.isEmpty()) {
            // no credentials: WordPress sees an anonymous visitor, who may not read shop data
            return Optional.of(WooErrors.error(401, "woocommerce_rest_cannot_view",
                    single ? "Sorry, you cannot view this resource." : "Sorry, you cannot list resources."));
        }
        String k = key;
        Optional<WooStore.ApiKey> apiKey = store.keys().stream().filter(a -> a.consumerKey().equals(k)).findFirst();
        if (apiKey.isEmpty()) {
            return Optional.of(WooErrors.error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid."));
        }
        if (!MessageDigest.isEqual(apiKey.get().consumerSecret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(WooErrors.error(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."));
        }
        if (!apiKey.get().canRead()) {
            return Optional.of(WooErrors.error(401, "woocommerce_rest_authentication_error",
                    "The API key provided does not have read permissions."));
        }
        return Optional.empty();
    }

    private SimulatorResponse list(String resource, Map<String, String> p, List<Map.Entry<String, String>> all,
                                   String host, String path) {
        boolean orders = resource.equals("orders");
        int perPage = integer(p, "per_page", 10);
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw WooErrors.invalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
        }
        int page = integer(p, "page", 1);
        if (page < 1) {
            throw WooErrors.invalidParam("page", "page must be greater than or equal to 1");
        }
        String orderBy = p.getOrDefault("orderby", orders ? "date" : "name");
        Set<String> sorts = orders ? ORDER_SORTS : CUSTOMER_SORTS;
        if (!sorts.contains(orderBy)) {
            throw WooErrors.invalidParam("orderby", "orderby is not one of " + String.join(", ", sorts) + ".");
        }
        String order = p.getOrDefault("order", orders ? "desc" : "asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw WooErrors.invalidParam("order", "order is not one of asc and desc.");
        }
        List<ObjectNode> rows = new ArrayList<>(orders ? store.orders() : store.customers());
        if (p.containsKey("include")) {
            Set<String> ids = Set.of(p.get("include").split(","));
            rows.removeIf(r -> !ids.contains(r.get("id").asText()));
        }
        boolean gmt = "true".equals(p.get("dates_are_gmt")) || "1".equals(p.get("dates_are_gmt"));
        if (orders) {
            filterTime(rows, p, "modified_after", "date_modified_gmt", true, gmt);
            filterTime(rows, p, "modified_before", "date_modified_gmt", false, gmt);
            filterTime(rows, p, "after", "date_created_gmt", true, gmt);
            filterTime(rows, p, "before", "date_created_gmt", false, gmt);
            String status = p.getOrDefault("status", "any");
            for (String s : status.split(",")) {
                if (!ORDER_STATUSES.contains(s)) {
                    throw WooErrors.invalidParam("status", "status[0] is not one of " + String.join(", ", ORDER_STATUSES) + ".");
                }
            }
            if (!status.equals("any")) {
                Set<String> wanted = Set.of(status.split(","));
                rows.removeIf(r -> !wanted.contains(r.get("status").asText()));
            }
        } else {
            if (p.containsKey("email")) {
                rows.removeIf(r -> !r.get("email").asText().equalsIgnoreCase(p.get("email")));
            }
            String role = p.getOrDefault("role", "customer");
            if (!role.equals("all")) {
                rows.removeIf(r -> !role.equals(r.path("role").asText()));
            }
        }
        rows.sort(comparator(orderBy, orders, order.equals("desc")));

        int total = rows.size();
        int pages = (total + perPage - 1) / perPage;
        if (page > Math.max(pages, 1)) {
            throw new Refusal(WooErrors.error(400, orders ? "rest_post_invalid_page_number"
                    : "rest_invalid_page_number", "The page number requested is larger than the number of pages available."));
        }
        ArrayNode out = WooStore.NODES.arrayNode();
        rows.subList(Math.min(total, (page - 1) * perPage), Math.min(total, page * perPage)).forEach(out::add);
        SimulatorResponse response = json(200, out.toString())
                .withHeader("X-WP-Total", Integer.toString(total))
                .withHeader("X-WP-TotalPages", Integer.toString(pages));
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + link(host, path, all, Math.min(page - 1, Math.max(pages, 1))) + ">; rel=\"prev\"");
        }
        if (page < pages) {
            links.add("<" + link(host, path, all, page + 1) + ">; rel=\"next\"");
        }
        return links.isEmpty() ? response : response.withHeader("Link", String.join(", ", links));
    }

    /** The same request with another page, as WordPress writes it (every parameter kept, page last). */
    private String link(String host, String path, List<Map.Entry<String, String>> params, int page) {
        List<Map.Entry<String, String>> next = new ArrayList<>();
        params.stream().filter(e -> !e.getKey().equals("page")).forEach(next::add);
        next.add(Map.entry("page", Integer.toString(page)));
        String base = host == null ? store.siteUrl() : "http://" + host + mount;
        return base + path + "?" + QueryParameters.format(next);
    }

    private void filterTime(List<ObjectNode> rows, Map<String, String> p, String param, String field, boolean after,
                            boolean gmt) {
        String value = p.get(param);
        if (value == null) {
            return;
        }
        Instant limit = parseDate(param, value, gmt ? ZoneOffset.UTC : store.timeZone());
        rows.removeIf(r -> {
            Instant at = LocalDateTime.parse(r.get(field).asText(), WooStore.TIME).toInstant(ZoneOffset.UTC);
            return after ? !at.isAfter(limit) : !at.isBefore(limit);
        });
    }

    /** An RFC 3339 date; without an offset it is read in {@code zone}. */
    private static Instant parseDate(String param, String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw WooErrors.invalidParam(param, "Invalid date.");
            }
        }
    }

    private static Comparator<ObjectNode> comparator(String orderBy, boolean orders, boolean descending) {
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
        Comparator<ObjectNode> c = switch (orderBy) {
            case "modified" -> Comparator.<ObjectNode, String>comparing(r -> r.get("date_modified_gmt").asText()).thenComparing(byId);
            case "date", "registered_date" -> Comparator.<ObjectNode, String>comparing(r -> r.get("date_created_gmt").asText())
                    .thenComparing(byId);
            case "name", "title" -> Comparator.<ObjectNode, String>comparing(r -> orders ? r.get("number").asText()
                    : (r.path("first_name").asText() + " " + r.path("last_name").asText()).toLowerCase(Locale.ROOT)).thenComparing(byId);
            default -> byId;
        };
        return descending ? c.reversed() : c;
    }

    private static int integer(Map<String, String> p, String name, int otherwise) {
        String value = p.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw WooErrors.invalidParam(name, name + " is not of type integer.");
        }
    }

    private static Map<String, String> first(List<Map.Entry<String, String>> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }

    static SimulatorResponse json(int status, String body) {
        return new SimulatorResponse(status, Map.of("Content-Type", "application/json; charset=UTF-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
