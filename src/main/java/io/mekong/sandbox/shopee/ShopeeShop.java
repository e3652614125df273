package io.mekong.sandbox.shopee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.LeakyBucket;
import io.mekong.sandbox.TokenPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One simulated Shopee shop authorised to the simulator's partner app: its id and region, the tokens the partner
 * holds for it, its orders as {@code get_order_detail} writes them (with every optional field) and their escrow as
 * {@code get_escrow_detail_batch} writes it, a request budget, and the faults a test asks for.
 */
public final class ShopeeShop {

    /**
     * How much a shop lets the partner call: a bucket of {@code burst} calls refilled at {@code perSecond}. Shopee
     * publishes no figure; the default is generous enough for a sync that spaces its calls as connectors/shopee.yaml does.
     */
    public record Budget(double burst, double perSecond) {
        public static final Budget DEFAULT = new Budget(20, 10);
    }

    private final long shopId;
    private final String region;
    private final String currency;
    private final Clock clock;
    private final List<Consumer<ObjectNode>> orderListeners = new CopyOnWriteArrayList<>();
    private final ShopeeTokens tokens;
    private final LeakyBucket budget;
    private final Map<String, ObjectNode> orders = new TreeMap<>();
    private final Map<String, ObjectNode> escrows = new TreeMap<>();
    private volatile FaultInjector faults = FaultInjector.sleeping(FaultPlan.NONE);
    private volatile String orderDetailBody;
    private final Set<String> withheld = ConcurrentHashMap.newKeySet();
    private final AtomicLong throttled = new AtomicLong();

    /**
     * @param accessToken, refreshToken the pair the seller's authorisation gave the partner, valid from now
     */
    public ShopeeShop(long shopId, String region, String currency, String accessToken, String refreshToken,
                      Budget budget, Clock clock) {
        this.shopId = shopId;
        this.region = region;
        this.currency = currency;
        this.clock = clock;
        this.tokens = new ShopeeTokens("shop-" + shopId + ":" + accessToken, accessToken, refreshToken, clock);
        this.budget = new LeakyBucket(budget.burst(), budget.perSecond(), clock);
    }

    public long shopId() {
        return shopId;
    }

    public String region() {
        return region;
    }

    public String currency() {
        return currency;
    }

    /**
     * The seller authorises the partner anew with this pair, valid from now; a hub that kept the pair it last
     * received (access and single-use refresh token) goes on with it after the simulator restarts.
     */
    public void authorise(String accessToken, String refreshToken) {
        tokens.authorise(accessToken, refreshToken);
    }

    /** The pair the partner holds for the shop now (the last one issued), as the Open Platform console shows it. */
    public TokenPair currentTokens() {
        return tokens.current();
    }

    ShopeeTokens tokens() {
        return tokens;
    }

    LeakyBucket budget() {
        return budget;
    }

    FaultInjector faults() {
        return faults;
    }

    /** Injects faults (5xx, throttling) into this shop's calls from now on. */
    public void faults(FaultPlan plan) {
        this.faults = FaultInjector.sleeping(plan);
    }

    /** How many calls were refused for being over the budget (or throttled by an injected fault). */
    public long throttled() {
        return throttled.get();
    }

    void countThrottled() {
        throttled.incrementAndGet();
    }

    /** How many refresh tokens were spent on this shop. */
    public long refreshes() {
        return tokens.refreshes();
    }

    /**
     * Makes {@code get_order_detail} answer with this text as it is (for example the vendor's own sample, which is
     * not valid JSON), null to answer normally again.
     */
    public void answerOrderDetailWith(String body) {
        this.orderDetailBody = body;
    }

    String orderDetailBody() {
        return orderDetailBody;
    }

    /**
     * The seller's authorisation of the partner app leaves out the permission behind this API path (e.g.
     * {@code /api/v2/payment/get_escrow_detail_batch}): Shopee then refuses the call with {@code error_permission}.
     */
    public void withholdPermission(String apiPath) {
        withheld.add(apiPath);
    }

    /** Gives back every permission withheld. */
    public void grantAllPermissions() {
        withheld.clear();
    }

    boolean permits(String apiPath) {
        return !withheld.contains(apiPath);
    }

    synchronized void add(ObjectNode order, ObjectNode escrow) {
        orders.put(order.get("order_sn").asText(), order);
        escrows.put(order.get("order_sn").asText(), escrow);
    }

    /** Copies of every order, in order_sn order. */
    public synchronized List<ObjectNode> orders() {
        List<ObjectNode> copies = new ArrayList<>();
        orders.values().forEach(o -> copies.add(o.deepCopy()));
        return copies;
    }

    synchronized ObjectNode order(String orderSn) {
        ObjectNode order = orders.get(orderSn);
        return order == null ? null : order.deepCopy();
    }

    synchronized ObjectNode escrow(String orderSn) {
        ObjectNode escrow = escrows.get(orderSn);
        return escrow == null ? null : escrow.deepCopy();
    }

    /** Called with a copy of each order changed from now on (push subscribers); it must only hand the order on. */
    public void onOrderChange(Consumer<ObjectNode> listener) {
        orderListeners.add(listener);
    }

    /** A change in Seller Centre (or by the buyer or Shopee): applied, and update_time set to now. */
    public synchronized void updateOrder(String orderSn, Consumer<ObjectNode> change) {
        ObjectNode order = orders.get(orderSn);
        if (order == null) {
            throw new IllegalArgumentException("shop " + shopId + " has no order " + orderSn);
        }
        change.accept(order);
        order.put("update_time", clock.instant().getEpochSecond());
        orderListeners.forEach(listener -> listener.accept(order.deepCopy()));
    }

    /** The seller cancels an order: CANCELLED, cancelled by the seller for {@code reason}, its packages stopped. */
    public void cancelOrder(String orderSn, String reason) {
        updateOrder(orderSn, order -> {
            order.put("order_status", "CANCELLED").put("cancel_by", "seller").put("cancel_reason", reason);
            order.withArray("package_list").forEach(p -> ((ObjectNode) p).put("logistics_status", "LOGISTICS_NOT_START"));
        });
    }
}
