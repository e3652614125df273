package io.mekong.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.FaultInjector;
import io.mekong.sandbox.FaultPlan;
import io.mekong.sandbox.LeakyBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One simulated Stripe account: its API keys, its objects (customers, payment intents, charges, refunds, balance
 * transactions) and its event log. Every change goes through a method that writes the event Stripe would write, so
 * {@code GET /v1/events} tells what happened and webhooks can be sent from it. Money follows Stripe's rules: an
 * integer of the currency's minor unit (VND in whole dong), a charge's fee and net in its balance transaction, a
 * refund's in another one.
 */
public final class StripeAccount {

    public static final String API_VERSION = "2025-03-31.basil";

    /** Object types, as {@code object} names them, in the order the list endpoints are named. */
    static final List<String> TYPES = List.of("customer", "payment_intent", "charge", "refund", "balance_transaction", "event");

    /**
     * A key of the account. {@code permissions} null: a secret key with full access; else a restricted key with
     * those read permissions (Stripe's {@code rak_<resource>_read} names).
     */
    public record ApiKey(String secret, Set<String> permissions) {
        public static ApiKey full(String secret) {
            return new ApiKey(secret, null);
        }

        boolean allows(String permission) {
            return permissions == null || permissions.contains(permission);
        }
    }

    /** Who a customer is, as the merchant's checkout recorded them. */
    public record Person(String name, String email, String phone, String locale, String line1, String city,
                         String postalCode, String country, String shopifyCustomerId) {
    }

    private final String id;
    private final String currency;
    private final boolean livemode;
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LeakyBucket rateLimit;
    private final FaultInjector faults;
    private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
    private final List<Consumer<ObjectNode>> eventListeners = new CopyOnWriteArrayList<>();
    private long sequence;

    /**
     * @param currency the account's default (settlement) currency, lower case as Stripe writes it
     * @param rateLimit requests per second the account may make: Stripe allows about 25 in test mode, 100 live
     */
    public StripeAccount(String id, String currency, boolean livemode, List<ApiKey> keys, Clock clock, int rateLimit,
                         FaultPlan faults) {
        this.id = id;
        this.currency = currency;
        this.livemode = livemode;
        keys.forEach(k -> this.keys.put(k.secret(), k));
        this.clock = clock;
        this.rateLimit = new LeakyBucket(rateLimit, rateLimit, clock);
        this.faults = FaultInjector.sleeping(faults);
        TYPES.forEach(t -> objects.put(t, new LinkedHashMap<>()));
    }

    public String id() {
        return id;
    }

    public String currency() {
        return currency;
    }

    Map<String, ApiKey> keys() {
        return keys;
    }

    /** The keys that open the account now, as the Dashboard's API keys page lists them. */
    public List<ApiKey> apiKeys() {
        return List.copyOf(keys.values());
    }

    /** The keys are rolled in the dashboard: from now on only {@code rolled} open the account. */
    public void rollKeys(List<ApiKey> rolled) {
        rolled.forEach(k -> keys.put(k.secret(), k));
        keys.keySet().removeIf(secret -> rolled.stream().noneMatch(k -> k.secret().equals(secret)));
    }

    Clock clock() {
        return clock;
    }

    LeakyBucket rateLimit() {
        return rateLimit;
    }

    FaultInjector faults() {
        return faults;
    }

    /** Copies of the objects of one type as a list endpoint sees them: deleted customers are gone, as in Stripe. */
    public synchronized List<ObjectNode> snapshot(String type) {
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode o : objects.get(type).values()) {
            if (!o.path("deleted").asBoolean(false)) {
                copies.add(readable(o.deepCopy()));
            }
        }
        return copies;
    }

    synchronized ObjectNode get(String type, String objectId) {
        ObjectNode o = objects.get(type).get(objectId);
        return o == null ? null : readable(o.deepCopy());
    }

    /** A balance transaction is pending until its funds are available. */
    private ObjectNode readable(ObjectNode o) {
        if (o.path("object").asText().equals("balance_transaction")) {
            o.put("status", o.get("available_on").asLong() <= clock.instant().getEpochSecond() ? "available" : "pending");
        }
        return o;
    }

    public synchronized int count(String type) {
        return snapshot(type).size();
    }

    // ---------- what the merchant's integration and the merchant do ----------

    public synchronized String createCustomer(Person person, Instant at) {
        ObjectNode c = StripeObjects.customer(newId("cus"), at.getEpochSecond(), currency, person, livemode);
        put(c);
        event("customer.created", c, null, at);
        return c.get("id").asText();
    }

    /** A merchant's edit of a customer in the Dashboard: {@code customer.updated} with the previous values. */
    public synchronized void updateCustomer(String customerId, Consumer<ObjectNode> change) {
        ObjectNode customer = require("customer", customerId);
        ObjectNode before = customer.deepCopy();
        change.accept(customer);
        event("customer.updated", customer, previous(before, customer), clock.instant());
    }

    /** Deletes a customer: it vanishes from lists and reads as {@code {"id","object","deleted":true}}. */
    public synchronized void deleteCustomer(String customerId) {
        ObjectNode customer = require("customer", customerId);
        event("customer.deleted", customer, null, clock.instant());
        customer.put("deleted", true);
    }

    /** A checkout asks for money: a payment intent waiting for a payment method. */
    public synchronized String createPaymentIntent(long amount, String paymentCurrency, String customerId,
                                                   String receiptEmail, String orderId, Instant at) {
        ObjectNode p = StripeObjects.paymentIntent(newId("pi"), at.getEpochSecond(), amount, paymentCurrency,
                customerId, receiptEmail, orderId, livemode);
        put(p);
        event("payment_intent.created", p, null, at);
        return p.get("id").asText();
    }

    /**
     * The buyer pays with a card: a charge that succeeds (balance transaction with Stripe's fee, the intent
     * succeeded) or, with a decline code, fails (the intent back to {@code requires_payment_method} with the error).
     */
    public synchronized String attemptCard(String intentId, StripeObjects.Card card, String billingName,
                                           String billingEmail, String declineCode, long fee, Instant at) {
        ObjectNode intent = require("payment_intent", intentId);
        String paymentMethod = newId("pm");
        ObjectNode charge = StripeObjects.charge(newId("ch"), at.getEpochSecond(), intent, paymentMethod, card,
                billingName, billingEmail, declineCode, livemode);
        intent.put("latest_charge", charge.get("id").asText()).put("payment_method", paymentMethod);
        if (declineCode == null) {
            long amount = charge.get("amount").asLong();
            String txn = newId("txn");
            // funds become available two days after the charge, at midnight UTC (standard payout schedule)
            Instant available = at.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
            put(StripeObjects.balanceTransaction(txn, at.getEpochSecond(), amount, fee, charge.get("currency").asText(),
                    "charge", charge.get("id").asText(), "Payment for " + intentId, available));
            charge.put("balance_transaction", txn);
            intent.put("status", "succeeded").put("amount_received", amount).putNull("last_payment_error");
            put(charge);
            event("charge.succeeded", charge, null, at);
            event("payment_intent.succeeded", intent, null, at);
        } else {
            ObjectNode error = intent.putObject("last_payment_error");
            error.put("charge", charge.get("id").asText()).put("code", "card_declined").put("decline_code", declineCode)
                    .put("doc_url", "https://stripe.com/docs/error-codes/card-declined")
                    .put("message", StripeObjects.declineMessage(declineCode)).put("type", "card_error");
            intent.put("status", "requires_payment_method").putNull("payment_method");
            put(charge);
            event("charge.failed", charge, null, at);
            event("payment_intent.payment_failed", intent, null, at);
        }
        return charge.get("id").asText();
    }

    public synchronized void cancelPaymentIntent(String intentId, String reason, Instant at) {
        ObjectNode intent = require("payment_intent", intentId);
        intent.put("status", "canceled").put("canceled_at", at.getEpochSecond()).put("cancellation_reason", reason);
        event("payment_intent.canceled", intent, null, at);
    }

    /** Refunds part or all of a charge now (the merchant in the Dashboard). */
    public synchronized String refund(String chargeId, long amount, String reason) {
        return refund(chargeId, amount, reason, clock.instant());
    }

    public synchronized String refund(String chargeId, long amount, String reason, Instant at) {
        ObjectNode charge = require("charge", chargeId);
        long left = charge.get("amount_captured").asLong() - charge.get("amount_refunded").asLong();
        if (amount <= 0 || amount > left) {
            throw new IllegalArgumentException("Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + left + ")");
        }
        ObjectNode before = charge.deepCopy();
        ObjectNode refund = StripeObjects.refund(newId("re"), at.getEpochSecond(), charge, amount, reason, livemode);
        String txn = newId("txn");
        put(StripeObjects.balanceTransaction(txn, at.getEpochSecond(), -amount, 0, charge.get("currency").asText(),
                "refund", refund.get("id").asText(), "REFUND FOR CHARGE (" + chargeId + ")", at));
        refund.put("balance_transaction", txn);
        put(refund);
        long refunded = charge.get("amount_refunded").asLong() + amount;
        charge.put("amount_refunded", refunded).put("refunded", refunded == charge.get("amount_captured").asLong());
        ((ArrayNode) charge.get("refunds").get("data")).insert(0, refund.deepCopy());
        event("charge.refunded", charge, previous(before, charge), at);
        event("refund.created", refund, null, at);
        return refund.get("id").asText();
    }

    // ---------- internals ----------

    private void put(ObjectNode o) {
        objects.get(o.get("object").asText()).put(o.get("id").asText(), o);
    }

    private ObjectNode require(String type, String objectId) {
        ObjectNode o = objects.get(type).get(objectId);
        if (o == null || o.path("deleted").asBoolean(false)) {
            throw new IllegalArgumentException("No such " + type + ": '" + objectId + "'");
        }
        return o;
    }

    /** Called with a copy of each event written from now on (webhook endpoints); it must only hand the event on. */
    public void onEvent(Consumer<ObjectNode> listener) {
        eventListeners.add(listener);
    }

    private void event(String type, ObjectNode object, ObjectNode previousAttributes, Instant at) {
        ObjectNode event = StripeObjects.event(newId("evt"), at.getEpochSecond(), type, object, previousAttributes, API_VERSION, livemode);
        put(event);
        eventListeners.forEach(listener -> listener.accept(event.deepCopy()));
    }

    /** The top-level fields that changed, with their values before the change (Stripe's previous_attributes). */
    private static ObjectNode previous(ObjectNode before, ObjectNode after) {
        ObjectNode changed = StripeObjects.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().equals(after.get(field.getKey()))) {
                changed.set(field.getKey(), field.getValue());
            }
        }
        return changed;
    }

    /**
     * Ids as Stripe writes them, a prefix and 24 base-62 characters, from the account id and a counter: unique per
     * account, deterministic, and in creation order when compared as text (the list order's tie-break).
     */
    private String newId(String prefix) {
        String counter = base62(++sequence, 10);
        String account = id.substring(Math.max(5, id.length() - 14));
        return prefix + "_" + (account + "00000000000000").substring(0, 14) + counter;
    }

    private static String base62(long value, int width) {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = digits.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
