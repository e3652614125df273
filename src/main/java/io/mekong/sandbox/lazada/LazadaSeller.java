package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SandboxSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One simulated Lazada seller that authorised one app: its orders and their item rows as the Open Platform writes
 * them (every scalar a string, local times with an offset such as {@code 2025-03-04 10:15:30 +0700}), and the
 * seller's access and refresh tokens. A refresh token is spent by its use: each refresh issues a new pair. The seller's
 * edits change {@code updated_at} and are pushed to the app, as Lazada does.
 */
public final class LazadaSeller {

    /** Times as Lazada writes them in orders and items: Vietnam's offset, no 'T'. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z").withZone(ZoneOffset.ofHours(7));
    /** Lifetimes of a Vietnamese seller's tokens (unverified: Lazada documents 7 and 30 days for most countries). */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofDays(7);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    /** The app's credentials from the Lazada Open Platform console. */
    public record App(String appKey, String appSecret) {
        /** The app with a fresh random secret, as the console issues one. */
        public static App withRandomSecret(String appKey) {
            return new App(appKey, SandboxSecrets.random(""));
        }

        @Override
        public String toString() {
            return "App[" + appKey + "]";
        }
    }

    /** A token pair as issued, with when each expires. */
    public record Tokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {
        @Override
        public String toString() {
            return "Tokens[expires " + accessExpiresAt + "]";
        }
    }

    private volatile App app;
    private final String sellerId;
    private final String site;
    private final Clock clock;
    private final Map<String, ObjectNode> orders = new TreeMap<>();
    private final Map<String, ArrayNode> items = new TreeMap<>();
    private final LazadaPushSender pushes;
    private Tokens tokens;
    private int refreshes;

    /**
     * @param accessToken, refreshToken the pair the seller's authorisation issued, both fresh now
     * @param pushes                    where the app's push messages go out
     */
    public LazadaSeller(App app, String sellerId, String site, String accessToken, String refreshToken,
                        LazadaPushSender pushes, Clock clock) {
        this.pushes = pushes;
        this.sellerId = sellerId;
        this.site = site;
        this.clock = clock;
        authorise(app, accessToken, refreshToken);
    }

    public App app() {
        return app;
    }

    /**
     * The seller authorises the app anew: from now on the app signs with {@code app}'s secret and this token pair,
     * valid from now, is the seller's current one (a hub that kept the pair it last renewed goes on with it).
     */
    public synchronized void authorise(App app, String accessToken, String refreshToken) {
        Instant now = clock.instant();
        this.app = app;
        this.tokens = new Tokens(accessToken, now.plus(ACCESS_TOKEN_LIFETIME), refreshToken, now.plus(REFRESH_TOKEN_LIFETIME));
    }

    public String sellerId() {
        return sellerId;
    }

    /** e.g. {@code lazada_vn}, as pushes name it. */
    public String site() {
        return site;
    }

    public synchronized Tokens tokens() {
        return tokens;
    }

    /** Whether this access token is the seller's current one and has not expired. */
    synchronized boolean accepts(String accessToken) {
        return tokens.accessToken().equals(accessToken) && clock.instant().isBefore(tokens.accessExpiresAt());
    }

    /** Spends a refresh token: a new pair when it is the current, unexpired one; empty otherwise. */
    synchronized Optional<Tokens> refresh(String refreshToken) {
        if (!tokens.refreshToken().equals(refreshToken) || !clock.instant().isBefore(tokens.refreshExpiresAt())) {
            return Optional.empty();
        }
        refreshes++;
        Instant now = clock.instant();
        tokens = new Tokens("50000" + sellerId + "a" + refreshes + "access", now.plus(ACCESS_TOKEN_LIFETIME),
                "50001" + sellerId + "r" + refreshes + "refresh", now.plus(REFRESH_TOKEN_LIFETIME));
        return Optional.of(tokens);
    }

    /** How many times a refresh token was spent. */
    public synchronized int refreshes() {
        return refreshes;
    }

    synchronized void add(ObjectNode order, ArrayNode orderItems) {
        orders.put(order.get("order_id").asText(), order);
        items.put(order.get("order_id").asText(), orderItems);
    }

    public synchronized int orderCount() {
        return orders.size();
    }

    /** Copies of every order, safe to filter and sort. */
    synchronized List<ObjectNode> orders() {
        List<ObjectNode> copies = new ArrayList<>();
        orders.values().forEach(o -> copies.add(o.deepCopy()));
        return copies;
    }

    synchronized Optional<ObjectNode> order(String orderId) {
        return Optional.ofNullable(orders.get(orderId)).map(ObjectNode::deepCopy);
    }

    public synchronized Optional<ArrayNode> items(String orderId) {
        return Optional.ofNullable(items.get(orderId)).map(ArrayNode::deepCopy);
    }

    /** The ids of the orders, in id order. */
    public synchronized List<String> orderIds() {
        return List.copyOf(orders.keySet());
    }

    /**
     * The seller cancels an order in Seller Center: every item row becomes {@code canceled} with the reason, and the
     * order's and items' {@code updated_at} become now; each row's change is pushed.
     */
    public void cancel(String orderId, String reason) {
        List<JsonNode> changed = new ArrayList<>();
        synchronized (this) {
            ObjectNode order = orders.get(orderId);
            if (order == null) {
                throw new IllegalArgumentException("no order " + orderId);
            }
            String now = TIME.format(clock.instant());
            for (JsonNode item : items.get(orderId)) {
                ((ObjectNode) item).put("status", "canceled").put("reason", reason)
                        .put("cancel_return_initiator", "seller-cancel").put("updated_at", now);
                changed.add(item.deepCopy());
            }
            order.putArray("statuses").add("canceled");
            order.put("updated_at", now);
        }
        changed.forEach(row -> pushes.rowChanged(this, row));
    }
}
