package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.LeakyBucket;
import io.mekong.sandbox.QueryParameters;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.VendorHmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Lazada Open Platform, the part an order sync uses: the API gateway under {@code /rest} ({@code GET /orders/get},
 * {@code /orders/items/get}, {@code /order/get}, {@code /order/items/get}) and the auth host under {@code /auth/rest}
 * ({@code /auth/token/refresh}), like {@code https://api.lazada.vn/rest} and {@code https://auth.lazada.com/rest}.
 * Every call is checked as the gateway does: {@code app_key}, {@code timestamp} in milliseconds within 7200 s,
 * {@code sign_method=sha256}, {@code sign} (UPPERCASE hex HMAC-SHA256 of the API path and the sorted parameters), and
 * the seller's {@code access_token}; calls beyond a seller's rate are refused with {@code ApiCallLimit}.
 */
public final class LazadaSimulator implements HttpSimulator {

    static final long TIMESTAMP_TOLERANCE_MILLIS = Duration.ofSeconds(7200).toMillis();
    static final int MAX_ORDER_IDS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATEWAY = "/rest";
    private static final String AUTH_HOST = "/auth/rest";
    private static final Set<String> SELLER_APIS = Set.of("/orders/get", "/orders/items/get", "/order/get", "/order/items/get");

    /** How fast one seller's app may call, and which faults it suffers. */
    public record Limits(double burst, double perSecond, int maxOffset, FaultPlan faults) {
        public static final Limits DEFAULT = new Limits(20, 10, LazadaOrderQuery.DEFAULT_MAX_OFFSET, FaultPlan.NONE);

        public Limits withMaxOffset(int offset) {
            return new Limits(burst, perSecond, offset, faults);
        }

        public Limits withFaults(FaultPlan plan) {
            return new Limits(burst, perSecond, maxOffset, plan);
        }
    }

    private final List<LazadaSeller> sellers;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, LeakyBucket> buckets = new TreeMap<>();
    private final Map<String, FaultInjector> faults = new TreeMap<>();
    private final AtomicLong requests = new AtomicLong();

    public LazadaSimulator(List<LazadaSeller> sellers, Limits limits, Clock clock) {
        this.sellers = List.copyOf(sellers);
        this.limits = limits;
        this.clock = clock;
        for (LazadaSeller seller : sellers) {
            buckets.put(seller.sellerId(), new LeakyBucket(limits.burst(), limits.perSecond(), clock));
            // injected faults need no real waiting: the simulator adds no latency of its own
            faults.put(seller.sellerId(), new FaultInjector(limits.faults(), millis -> { }));
        }
    }

    public LazadaSimulator(List<LazadaSeller> sellers, Clock clock) {
        this(sellers, Limits.DEFAULT, clock);
    }

    /** A seller, for the merchant's edits (cancel an order) in tests and demos. */
    public LazadaSeller seller(String sellerId) {
        return sellers.stream().filter(s -> s.sellerId().equals(sellerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seller " + sellerId));
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        String requestId = String.format("2101%016d%05d", clock.millis(), requests.incrementAndGet() % 100_000);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        boolean auth = path.startsWith(AUTH_HOST + "/");
        String api = auth ? path.substring(AUTH_HOST.length()) : path.startsWith(GATEWAY + "/") ? path.substring(GATEWAY.length()) : null;
        boolean known = auth ? api.equals("/auth/token/refresh")
                : api != null && SELLER_APIS.contains(api);
        if (!known) {
            return LazadaReply.isv("InvalidApiPath", "The specified API path is invalid").response(requestId, 404);
        }
        if (!method.equals("GET") && !(auth && method.equals("POST"))) {
            return LazadaReply.isv("InvalidApiPath", "The specified API path does not accept " + method).response(requestId, 405);
        }
        try {
            Map<String, String> params = params(q < 0 ? "" : pathAndQuery.substring(q + 1), headers, body);
            LazadaSeller.App app = checkSignature(api, params);
            if (auth) {
                return refresh(app, params, requestId);
            }
            LazadaSeller seller = seller(app, params);
            Optional<SimulatorResponse> refused = throttle(seller, requestId);
            return refused.orElseGet(() -> LazadaReply.success(serve(seller, api, params), requestId));
        } catch (LazadaReply.Refusal refusal) {
            return refusal.reply.response(requestId, 200);
        }
    }

    /** The query's parameters and, for a form POST (as the official SDKs send), the body's. */
    private static Map<String, String> params(String query, Map<String, String> headers, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        QueryParameters.parse(query).forEach(p -> params.put(p.getKey(), p.getValue()));
        String type = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (type.startsWith("application/x-www-form-urlencoded") && body.length > 0) {
            QueryParameters.parse(new String(body, StandardCharsets.UTF_8)).forEach(p -> params.put(p.getKey(), p.getValue()));
        }
        return params;
    }

    private LazadaSeller.App checkSignature(String api, Map<String, String> params) {
        String appKey = required(params, "app_key");
        LazadaSeller.App app = sellers.stream().map(LazadaSeller::app).filter(a -> a.appKey().equals(appKey)).findFirst()
                .orElseThrow(() -> LazadaReply.isv("InvalidAppKey", "The specified app key is invalid").refusal());
        String timestamp = required(params, "timestamp");
        if (!timestamp.matches("\\d{1,15}") || Math.abs(clock.millis() - Long.parseLong(timestamp)) > TIMESTAMP_TOLERANCE_MILLIS) {
            throw LazadaReply.isv("InvalidTimestamp", "The specified timestamp is invalid or more than 7200 seconds away"
                    + " from the server's time").refusal();
        }
        String signMethod = required(params, "sign_method");
        String sign = required(params, "sign");
        if (!signMethod.equals("sha256") || !MessageDigest.isEqual(signature(api, params, app.appSecret())
                .getBytes(StandardCharsets.UTF_8), sign.getBytes(StandardCharsets.UTF_8))) {
            throw LazadaReply.isv("IncompleteSignature", "The request signature does not conform to platform standards").refusal();
        }
        return app;
    }

    /** The API path, then every parameter but {@code sign} with a value, name and value, in ASCII order of names. */
    static String signature(String api, Map<String, String> params, String appSecret) {
        StringBuilder message = new StringBuilder(api);
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.equals("sign") && !value.isEmpty()) {
                message.append(name).append(value);
            }
        });
        return VendorHmac.sha256Hex(appSecret, message.toString()).toUpperCase(Locale.ROOT);
    }

    private LazadaSeller seller(LazadaSeller.App app, Map<String, String> params) {
        String token = required(params, "access_token");
        return sellers.stream().filter(s -> s.app().equals(app) && s.accepts(token)).findFirst()
                .orElseThrow(() -> LazadaReply.isv("IllegalAccessToken", "The specified access token is invalid or expired").refusal());
    }

    private Optional<SimulatorResponse> throttle(LazadaSeller seller, String requestId) {
        LeakyBucket bucket = buckets.get(seller.sellerId());
        if (!bucket.tryTake(1)) {
            long ban = (long) Math.ceil((1 - bucket.available()) / bucket.restoreRate());
            return Optional.of(apiCallLimit(Math.max(1, ban), requestId));
        }
        return faults.get(seller.sellerId()).next().map(fault -> fault.isThrottle()
                ? apiCallLimit((long) Math.ceil(fault.retryAfterSeconds()), requestId)
                : new LazadaReply("SYSTEM", "ServiceUnavailable", "The service is temporarily unavailable, please try again later")
                        .response(requestId, fault.status()));
    }

    private static SimulatorResponse apiCallLimit(long banSeconds, String requestId) {
        return LazadaReply.isv("ApiCallLimit", "The request has exceeded the limit of this API. This ban will last "
                + banSeconds + " seconds").response(requestId, 200);
    }

    private JsonNode serve(LazadaSeller seller, String api, Map<String, String> params) {
        return switch (api) {
            case "/orders/get" -> LazadaOrderQuery.answer(seller.orders(), params, limits.maxOffset());
            case "/orders/items/get" -> items(seller, required(params, "order_ids"));
            case "/order/items/get" -> seller.items(required(params, "order_id")).orElseThrow(LazadaSimulator::invalidOrderId);
            default -> seller.order(required(params, "order_id")).orElseThrow(LazadaSimulator::invalidOrderId);
        };
    }

    private static LazadaReply.Refusal invalidOrderId() {
        return LazadaReply.isp("E016", "E016: Invalid Order ID").refusal();
    }

    /** GetMultipleOrderItems: {@code order_ids} is a JSON array of at most 50 ids, every one the seller's. */
    private static ArrayNode items(LazadaSeller seller, String orderIds) {
        JsonNode ids;
        try {
            ids = JSON.readTree(orderIds);
        } catch (JsonProcessingException e) {
            ids = null;
        }
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw LazadaReply.isp("E056", "E056: Invalid OrdersIdList format. Must use array format [1,2]").refusal();
        }
        if (ids.size() > MAX_ORDER_IDS) {
            throw LazadaReply.isp("E038", "E038: Too many orders were requested").refusal();
        }
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        for (JsonNode id : ids) {
            ObjectNode order = seller.order(id.asText())
                    .orElseThrow(() -> LazadaReply.isp("E037", "E037: One or more order id in the list are incorrect").refusal());
            ObjectNode entry = data.addObject().put("order_number", order.get("order_number").asText())
                    .put("order_id", order.get("order_id").asText());
            entry.set("order_items", seller.items(id.asText()).orElseThrow());
        }
        return data;
    }

    /** {@code /auth/token/refresh}: spends the refresh token, answers the new pair (numbers here are JSON numbers). */
    private SimulatorResponse refresh(LazadaSeller.App app, Map<String, String> params, String requestId) {
        String refreshToken = required(params, "refresh_token");
        for (LazadaSeller seller : sellers) {
            if (!seller.app().equals(app)) {
                continue;
            }
            Optional<LazadaSeller.Tokens> renewed = seller.refresh(refreshToken);
            if (renewed.isPresent()) {
                LazadaSeller.Tokens tokens = renewed.get();
                ObjectNode body = JsonNodeFactory.instance.objectNode()
                        .put("access_token", tokens.accessToken()).put("country", "vn")
                        .put("refresh_token", tokens.refreshToken()).put("account_platform", "seller_center")
                        .put("refresh_expires_in", Duration.between(clock.instant(), tokens.refreshExpiresAt()).toSeconds())
                        .put("expires_in", Duration.between(clock.instant(), tokens.accessExpiresAt()).toSeconds())
                        .put("account", "seller" + seller.sellerId() + "@mekong-demo.vn");
                body.putArray("country_user_info").addObject().put("country", "vn").put("user_id", seller.sellerId())
                        .put("seller_id", seller.sellerId()).put("short_code", "VN" + seller.sellerId().substring(0, 4) + "MK");
                body.put("code", "0").put("request_id", requestId);
                return SimulatorResponse.json(200, body.toString());
            }
        }
        throw LazadaReply.isv("IllegalRefreshToken", "The specified refresh token is invalid or expired").refusal();
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw LazadaReply.missing(name).refusal();
        }
        return value;
    }
}
