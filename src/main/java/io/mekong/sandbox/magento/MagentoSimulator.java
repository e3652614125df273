package io.mekong.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.QueryParameters;
import io.mekong.sandbox.SimulatorResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Magento 2 REST, the part a sync reads: {@code GET /rest/<store>/V1/customers/search}, {@code /V1/orders} and
 * {@code /V1/products} with
 * {@code searchCriteria} filter groups (OR inside a group, AND across), sort orders, 1-based pages ({@code 0} read as
 * 1), at most 300 a page, {@code total_count}; a page past the end repeats the last page or is empty, as the store
 * is set. Every request must carry a valid OAuth 1.0a signature (HMAC-SHA256) of the store's integration.
 */
public final class MagentoSimulator implements HttpSimulator {

    private static final Pattern PATH = Pattern.compile("^/rest/(?:([^/]+)/)?V1/(customers/search|orders|products)$");
    /** The ACL resource Magento names when an integration may not read an entity. */
    private static final Map<String, String> RESOURCES = Map.of("orders", "Magento_Sales::actions_view",
            "customers/search", "Magento_Customer::customer", "products", "Magento_Catalog::products");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE_SIZE = 300;
    private static final long TIMESTAMP_TOLERANCE_SECONDS = 600;

    private final Map<String, MagentoStore> stores = new TreeMap<>();
    private final Clock clock;
    private final String mountPath;

    /** Mounted at the root of its own server. */
    public MagentoSimulator(List<MagentoStore> stores, Clock clock) {
        this(stores, clock, "");
    }

    /** @param mountPath where it is served inside another server, e.g. {@code /sandbox/magento}: clients sign that URL */
    public MagentoSimulator(List<MagentoStore> stores, Clock clock, String mountPath) {
        stores.forEach(s -> this.stores.put(s.storeCode(), s));
        this.clock = clock;
        this.mountPath = mountPath;
    }

    public MagentoStore store(String storeCode) {
        return stores.get(storeCode);
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Matcher m = PATH.matcher(path);
        MagentoStore store = m.matches() ? stores.get(m.group(1) == null ? "default" : m.group(1)) : null;
        if (store == null || !"GET".equalsIgnoreCase(method)) {
            return error(404, "Request does not match any route.");
        }
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        String url = "http://" + h.getOrDefault("Host", "localhost") + mountPath + pathAndQuery;
        if (!signed(store, method, url, query, h.get("Authorization"))) {
            return SimulatorResponse.json(401, "{\"message\":\"The consumer isn't authorized to access %resources.\","
                    + "\"parameters\":{\"resources\":\"" + RESOURCES.get(m.group(2)) + "\"}}");
        }
        return search(store, m.group(2).equals("customers/search") ? "customers" : m.group(2), QueryParameters.parse(query));
    }

    private SimulatorResponse search(MagentoStore store, String entity, List<Map.Entry<String, String>> params) {
        Map<String, String> criteria = new LinkedHashMap<>();
        params.forEach(p -> criteria.put(p.getKey(), p.getValue()));
        int size = Integer.parseInt(criteria.getOrDefault("searchCriteria[pageSize]", "0"));
        if (size > MAX_PAGE_SIZE) {
            return error(400, "Maximum page size is " + MAX_PAGE_SIZE + ".");
        }
        int page = Math.max(1, Integer.parseInt(criteria.getOrDefault("searchCriteria[currentPage]", "1")));
        List<ObjectNode> rows = new ArrayList<>(store.snapshot(entity));
        rows.removeIf(filters(criteria, entity).negate());
        rows.sort(order(criteria, entity));
        int total = rows.size();
        List<ObjectNode> items = rows;
        if (size > 0) {
            int lastPage = Math.max(1, (total + size - 1) / size);
            int shown = page > lastPage && store.repeatsLastPage() ? lastPage : page;
            int from = (shown - 1) * size;
            items = from >= total ? List.of() : rows.subList(from, Math.min(total, from + size));
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("items");
        items.forEach(list::add);
        ObjectNode echo = answer.putObject("search_criteria");
        echo.putArray("filter_groups");
        if (size > 0) {
            echo.put("page_size", size);
        }
        echo.put("current_page", page);
        answer.put("total_count", total);
        String fields = criteria.get("fields");
        return SimulatorResponse.json(200, (fields == null ? answer : FieldsFilter.apply(answer, fields)).toString());
    }

    /** Filter groups AND together; the filters of one group OR together. */
    private static Predicate<ObjectNode> filters(Map<String, String> criteria, String entity) {
        Predicate<ObjectNode> all = row -> true;
        for (int g = 0; criteria.containsKey(filterKey(g, 0, "field")); g++) {
            Predicate<ObjectNode> any = row -> false;
            for (int f = 0; criteria.containsKey(filterKey(g, f, "field")); f++) {
                String field = criteria.get(filterKey(g, f, "field"));
                // a customer's or a product's entity_id is the id its JSON shows
                any = any.or(filter(!entity.equals("orders") && field.equals("entity_id") ? "id" : field,
                        criteria.getOrDefault(filterKey(g, f, "value"), ""),
                        criteria.getOrDefault(filterKey(g, f, "condition_type"), "eq")));
            }
            all = all.and(any);
        }
        return all;
    }

    private static String filterKey(int group, int filter, String part) {
        return "searchCriteria[filter_groups][" + group + "][filters][" + filter + "][" + part + "]";
    }

    private static Predicate<ObjectNode> filter(String field, String value, String condition) {
        return row -> {
            JsonNode v = row.get(field);
            if (v == null || v.isNull()) {
                return condition.equals("null");
            }
            int c = compare(v.asText(), value);
            return switch (condition) {
                case "eq" -> c == 0;
                case "neq" -> c != 0;
                case "gt" -> c > 0;
                case "gteq", "from" -> c >= 0;
                case "lt" -> c < 0;
                case "lteq", "to" -> c <= 0;
                case "in" -> Arrays.asList(value.split(",")).contains(v.asText());
                case "notnull" -> true;
                default -> false;
            };
        };
    }

    private static Comparator<ObjectNode> order(Map<String, String> criteria, String entity) {
        Comparator<ObjectNode> order = (a, b) -> 0;
        for (int i = 0; criteria.containsKey("searchCriteria[sortOrders][" + i + "][field]"); i++) {
            String named = criteria.get("searchCriteria[sortOrders][" + i + "][field]");
            String field = !entity.equals("orders") && named.equals("entity_id") ? "id" : named;
            boolean descending = "DESC".equalsIgnoreCase(criteria.get("searchCriteria[sortOrders][" + i + "][direction]"));
            Comparator<ObjectNode> byField = (a, b) -> compare(a.path(field).asText(), b.path(field).asText());
            order = order.thenComparing(descending ? byField.reversed() : byField);
        }
        return order;
    }

    /** Numbers as numbers, everything else (times written alike sort as text) as text. */
    private static int compare(String a, String b) {
        if (a.matches("-?\\d{1,18}") && b.matches("-?\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    /** A valid OAuth 1.0a HMAC-SHA256 signature by the store's integration, made within the timestamp tolerance. */
    private boolean signed(MagentoStore store, String method, String url, String query, String authorization) {
        Map<String, String> oauth = OAuth1Verifier.authorization(authorization);
        String signature = oauth.remove("oauth_signature");
        MagentoStore.Integration integration = store.integration();
        if (signature == null || !integration.consumerKey().equals(oauth.get("oauth_consumer_key"))
                || !integration.accessToken().equals(oauth.get("oauth_token"))
                || !"HMAC-SHA256".equals(oauth.get("oauth_signature_method"))
                || !oauth.getOrDefault("oauth_timestamp", "").matches("\\d{1,12}")
                || Math.abs(clock.instant().getEpochSecond() - Long.parseLong(oauth.get("oauth_timestamp"))) > TIMESTAMP_TOLERANCE_SECONDS) {
            return false;
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>(QueryParameters.parse(query));
        parameters.addAll(oauth.entrySet());
        String expected = OAuth1Verifier.signature(OAuth1Verifier.signatureBase(method, URI.create(url), parameters),
                integration.consumerSecret(), integration.accessTokenSecret());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    private static SimulatorResponse error(int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        return SimulatorResponse.json(status, body.toString());
    }
}
