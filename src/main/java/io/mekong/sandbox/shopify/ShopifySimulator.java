package io.mekong.sandbox.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Shopify GraphQL Admin API over HTTP, for any number of shops. Paths are
 * {@code /{shopDomain}/admin/api/{version}/graphql.json}, so a shop's base URL is the mount point plus
 * {@code /{shopDomain}}. Checks the access token, injects the shop's faults, answers retired versions with the
 * oldest supported one (reported in {@code X-Shopify-API-Version}).
 */
public final class ShopifySimulator implements HttpSimulator {

    static final List<String> SUPPORTED_VERSIONS = List.of("2025-01", "2025-04", "2025-07", "2025-10", "2026-01",
            "unstable");
    static final String INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)";
    private static final Pattern PATH = Pattern.compile("^/([^/]+)/admin/api/([^/]+)/graphql\\.json(\\?.*)?$");

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Map<String, ShopifyShop> shops = new LinkedHashMap<>();
    private final ShopifyGraphQL graphQL;

    public ShopifySimulator(ShopifyGraphQL graphQL, Collection<ShopifyShop> shops) {
        this.graphQL = graphQL;
        shops.forEach(shop -> this.shops.put(shop.domain(), shop));
    }

    /** The two demo shops (VND and USD) with their default sizes, standard plan, no faults. */
    public static ShopifySimulator demo(long seed, java.time.Clock clock) {
        ShopifyShop vn = new ShopifyShop(ShopSettings.demoVietnam(), clock);
        java.util.Set<String> takenEmails = new java.util.HashSet<>();
        ShopifySeed.populate(vn, seed, SeedSize.VN_DEFAULT, takenEmails, io.mekong.sandbox.SandboxPeople.UNRECORDED);
        ShopifyShop us = new ShopifyShop(ShopSettings.demoUnitedStates(), clock);
        ShopifySeed.populate(us, seed + 1, SeedSize.US_DEFAULT, takenEmails, io.mekong.sandbox.SandboxPeople.UNRECORDED);
        return new ShopifySimulator(new ShopifyGraphQL(1000, 200), List.of(vn, us));
    }

    public ShopifyShop shop(String domain) {
        ShopifyShop shop = shops.get(domain);
        if (shop == null) {
            throw new IllegalArgumentException("no simulated shop " + domain);
        }
        return shop;
    }

    public Collection<ShopifyShop> shops() {
        return shops.values();
    }

    @Override
    public SimulatorResponse handle(String method, String path, Map<String, String> headers, byte[] body) {
        Matcher m = PATH.matcher(path == null ? "" : path);
        ShopifyShop shop = m.matches() ? shops.get(m.group(1)) : null;
        if (shop == null) {
            return SimulatorResponse.json(404, "{\"errors\":\"Not Found\"}");
        }
        String version = SUPPORTED_VERSIONS.contains(m.group(2)) ? m.group(2) : SUPPORTED_VERSIONS.get(0);
        return answer(shop, method, headers, body).withHeader("X-Shopify-API-Version", version);
    }

    private SimulatorResponse answer(ShopifyShop shop, String method, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        if (!shop.settings().accessToken().equals(h.get("X-Shopify-Access-Token"))) {
            return errorBody(401, INVALID_TOKEN);
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return errorBody(405, "Method Not Allowed").withHeader("Allow", "POST");
        }
        Optional<FaultInjector.Fault> fault = shop.faults().next();
        if (fault.isPresent()) {
            return faultResponse(fault.get());
        }
        JsonNode request;
        try {
            request = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            return errorBody(400, "Bad Request: the body is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (request == null || !request.isObject()) {
            return errorBody(400, "Bad Request: the body must be a JSON object with a \"query\"");
        }
        JsonNode variables = request.path("variables");
        Map<String, Object> vars = variables.isObject() ? json.convertValue(variables, Map.class) : Map.of();
        ShopifyGraphQL.Result result = graphQL.execute(shop, request.path("query").asText(null), vars,
                request.path("operationName").asText(null));
        return write(result.status(), result.body());
    }

    private SimulatorResponse faultResponse(FaultInjector.Fault fault) {
        if (fault.isThrottle()) {
            return errorBody(429, "Exceeded 2 calls per second for api client. Reduce request rates to resume "
                    + "uninterrupted service.").withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        return errorBody(fault.status(), fault.status() == 503 ? "Service Unavailable" : "Internal Server Error");
    }

    private SimulatorResponse errorBody(int status, String message) {
        return write(status, Map.of("errors", message));
    }

    private SimulatorResponse write(int status, Object body) {
        try {
            return new SimulatorResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                    json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
