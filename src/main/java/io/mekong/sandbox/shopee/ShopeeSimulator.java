package io.mekong.sandbox.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.auth.Hmac;
import io.mekong.connector.http.QueryString;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shopee Open Platform v2 as a partner app sees it, for the calls an order sync makes: the gateway checks every
 * call's common parameters and sign (lowercase hex HMAC-SHA256 with the partner key over partner_id + api path +
 * timestamp [+ access_token + shop_id]), a timestamp within 5 minutes, the shop and its access token, then the
 * shop's request budget; errors are the envelope {@code {"error","message","request_id"}}. Gateway refusals come with
 * HTTP 403, throttling with 429, business errors (a range over 15 days, too many order_sn) with HTTP 200.
 * Paths are relative to where the simulator is mounted, which is what clients sign.
 */
public final class ShopeeSimulator implements HttpSimulator {

    /** The partner app: its id and the key it signs with. */
    public record Partner(long partnerId, String partnerKey) {
    }

    static final String TOKEN_PATH = "/api/v2/auth/access_token/get";
    private static final long TIMESTAMP_TOLERANCE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Partner partner;
    private final Map<Long, ShopeeShop> shops = new TreeMap<>();
    private final Clock clock;
    private final ShopeeOrderApi orders;
    private final AtomicLong requests = new AtomicLong();

    public ShopeeSimulator(Partner partner, List<ShopeeShop> shops, Clock clock) {
        this.partner = partner;
        shops.forEach(s -> this.shops.put(s.shopId(), s));
        this.clock = clock;
        this.orders = new ShopeeOrderApi();
    }

    public Partner partner() {
        return partner;
    }

    public ShopeeShop shop(long shopId) {
        return shops.get(shopId);
    }

    public List<ShopeeShop> shops() {
        return List.copyOf(shops.values());
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        QueryString.parse(q < 0 ? "" : pathAndQuery.substring(q + 1)).forEach(p -> query.putIfAbsent(p.getKey(), p.getValue()));
        String expectedMethod = switch (path) {
            case ShopeeOrderApi.LIST_PATH, ShopeeOrderApi.DETAIL_PATH -> "GET";
            case ShopeeOrderApi.ESCROW_PATH, TOKEN_PATH -> "POST";
            default -> null;
        };
        if (expectedMethod == null) {
            return error(404, "error_not_found", "Api not found.");
        }
        if (!expectedMethod.equalsIgnoreCase(method)) {
            return error(405, "error_param", "Method not allowed, use " + expectedMethod + ".");
        }
        boolean shopCall = !path.equals(TOKEN_PATH);
        Optional<SimulatorResponse> refused = gateway(path, query, shopCall);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!shopCall) {
            return token(body);
        }
        ShopeeShop shop = shops.get(Long.parseLong(query.get("shop_id")));
        if (!shop.permits(path)) {
            return error(403, "error_permission", "No permission to call this API: the shop did not authorise it for the partner.");
        }
        Optional<FaultInjector.Fault> fault = shop.faults().next();
        if (fault.isPresent() && !fault.get().isThrottle()) {
            return error(fault.get().status(), "error_server", "Something wrong. Please try later.");
        }
        if (fault.isPresent() || !shop.budget().tryTake(1)) {
            shop.countThrottled();
            return error(429, "error_too_many_request", "Too many requests, please try again later.");
        }
        return switch (path) {
            case ShopeeOrderApi.LIST_PATH -> answer(orders.list(shop, query));
            case ShopeeOrderApi.DETAIL_PATH -> shop.orderDetailBody() != null
                    ? SimulatorResponse.json(200, shop.orderDetailBody()) : answer(orders.detail(shop, query));
            default -> answer(orders.escrow(shop, body));
        };
    }

    /** The checks Shopee's gateway makes before any API runs, in its order; empty when the call may go on. */
    private Optional<SimulatorResponse> gateway(String path, Map<String, String> query, boolean shopCall) {
        for (String name : shopCall ? List.of("partner_id", "timestamp", "sign", "access_token", "shop_id")
                : List.of("partner_id", "timestamp", "sign")) {
            if (query.getOrDefault(name, "").isEmpty()) {
                return Optional.of(error(403, "error_param", "There is no " + name + " in query."));
            }
        }
        if (!query.get("partner_id").equals(Long.toString(partner.partnerId()))) {
            return Optional.of(error(403, "error_param", "Invalid partner_id."));
        }
        String timestamp = query.get("timestamp");
        if (!timestamp.matches("\\d{1,12}")
                || Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
            return Optional.of(error(403, "error_param", "Invalid timestamp"));
        }
        String base = query.get("partner_id") + path + timestamp
                + (shopCall ? query.get("access_token") + query.get("shop_id") : "");
        byte[] expected = HexFormat.of().formatHex(Hmac.sha256(partner.partnerKey(), base)).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, query.get("sign").getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(error(403, "error_sign", "Wrong sign."));
        }
        if (!shopCall) {
            return Optional.empty();
        }
        ShopeeShop shop = query.get("shop_id").matches("\\d{1,18}") ? shops.get(Long.parseLong(query.get("shop_id"))) : null;
        if (shop == null) {
            return Optional.of(error(403, "error_shop", "shopid is invalid"));
        }
        if (!shop.tokens().accessValid(query.get("access_token"))) {
            return Optional.of(error(403, "error_auth", "Invalid access_token."));
        }
        return Optional.empty();
    }

    /** {@code POST /api/v2/auth/access_token/get} {refresh_token, partner_id, shop_id}: spends the refresh token. */
    private SimulatorResponse token(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.path("refresh_token").isTextual() || !request.path("shop_id").canConvertToLong()) {
            return error(200, "error_param", "Wrong parameters, detail: refresh_token and shop_id are required.");
        }
        if (request.path("partner_id").asLong() != partner.partnerId()) {
            return error(200, "error_param", "Wrong parameters, detail: partner_id does not match the sign.");
        }
        ShopeeShop shop = shops.get(request.get("shop_id").asLong());
        if (shop == null) {
            return error(200, "error_shop", "shopid is invalid");
        }
        return shop.tokens().refresh(request.get("refresh_token").asText())
                .map(grant -> {
                    ObjectNode answer = envelope();
                    answer.put("access_token", grant.accessToken()).put("refresh_token", grant.refreshToken())
                            .put("expire_in", grant.expireIn()).put("partner_id", partner.partnerId())
                            .put("shop_id", shop.shopId());
                    return SimulatorResponse.json(200, answer.toString());
                })
                .orElseGet(() -> error(200, "error_auth", "Invalid refresh_token."));
    }

    private SimulatorResponse answer(ShopeeOrderApi.Answer answer) {
        ObjectNode body = envelope();
        if (answer.error() != null) {
            body.put("error", answer.error()).put("message", answer.message());
        } else {
            body.set("response", answer.response());
        }
        return SimulatorResponse.json(200, body.toString());
    }

    private ObjectNode envelope() {
        return JSON.createObjectNode().put("error", "").put("message", "").put("request_id", requestId());
    }

    private SimulatorResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("error", code).put("message", message).put("request_id", requestId());
        return SimulatorResponse.json(status, body.toString());
    }

    private String requestId() {
        return HexFormat.of().formatHex(Hmac.sha256("request-id", Long.toString(requests.incrementAndGet()))).substring(0, 32);
    }
}
