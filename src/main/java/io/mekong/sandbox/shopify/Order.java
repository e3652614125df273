package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An order row of the in-memory shop; mutable, guarded by the shop's lock. Money totals are stored as the
 * checkout computed them; refunded and current totals are derived from the refunds.
 */
public final class Order implements Identified {

    public final long id;
    public final long number;
    public final OffsetDateTime createdAt;
    public final String currencyCode;
    public final String presentmentCurrencyCode;
    public OffsetDateTime updatedAt;
    public OffsetDateTime processedAt;
    public OffsetDateTime closedAt;
    public OffsetDateTime cancelledAt;
    public String cancelReason;
    public String email;
    public String phone;
    public boolean test;
    public String displayFinancialStatus;
    public String displayFulfillmentStatus = "UNFULFILLED";
    public String sourceName = "web";
    public List<String> tags = List.of();
    public String note;
    /** The checkout's custom attributes (REST note_attributes), in order. */
    public List<Attribute> customAttributes = List.of();
    public String customerLocale;
    public Long customerId;
    public MailingAddress billingAddress;
    public MailingAddress shippingAddress;
    public MoneyBag subtotalPriceSet;
    public MoneyBag totalDiscountsSet;
    public MoneyBag totalShippingPriceSet;
    public MoneyBag totalTaxSet;
    public MoneyBag totalPriceSet;
    public List<LineItem> lineItems = new ArrayList<>();
    public List<OrderTransaction> transactions = new ArrayList<>();
    public List<Refund> refunds = new ArrayList<>();

    public Order(long id, long number, OffsetDateTime createdAt, String currencyCode, String presentmentCurrencyCode) {
        this.id = id;
        this.number = number;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.processedAt = createdAt;
        this.currencyCode = currencyCode;
        this.presentmentCurrencyCode = presentmentCurrencyCode;
    }

    @Override
    public long id() {
        return id;
    }

    public String name() {
        return "#" + number;
    }

    public MoneyBag totalRefundedSet() {
        return refunds.stream().map(Refund::totalRefundedSet).reduce(totalPriceSet.zero(), MoneyBag::plus);
    }

    public MoneyBag currentTotalPriceSet() {
        return totalPriceSet.minus(totalRefundedSet());
    }

    public boolean isOpen() {
        return closedAt == null && cancelledAt == null;
    }
}
