package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkout of the in-memory shop that the buyer left after giving contact details; mutable, guarded by the shop's
 * lock. Shopify lists it among the abandoned checkouts whether or not it was later completed ({@code completedAt}, a
 * recovered checkout). It has no email or phone of its own: the buyer is its {@code customer} (Shopify makes one for
 * the contact given at checkout). Money is in the shop's currency.
 */
public final class AbandonedCheckout implements Identified {

    public final long id;
    public final OffsetDateTime createdAt;
    public final String abandonedCheckoutUrl;
    public OffsetDateTime updatedAt;
    public OffsetDateTime completedAt;
    public Long customerId;
    public String note = "";
    public List<Attribute> customAttributes = List.of();
    public List<String> discountCodes = List.of();
    public boolean taxesIncluded;
    public MailingAddress billingAddress;
    public MailingAddress shippingAddress;
    public List<LineItem> lineItems = new ArrayList<>();
    public MoneyBag subtotalPriceSet;
    public MoneyBag totalDiscountSet;
    public MoneyBag totalLineItemsPriceSet;
    public MoneyBag totalTaxSet;
    public MoneyBag totalPriceSet;

    /** @param recoveryUrl the link a buyer follows back to the checkout (Shopify's {@code abandonedCheckoutUrl}) */
    public AbandonedCheckout(long id, OffsetDateTime createdAt, String recoveryUrl) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.abandonedCheckoutUrl = recoveryUrl;
    }

    @Override
    public long id() {
        return id;
    }

    public String name() {
        return "#" + id;
    }

    public int lineItemsQuantity() {
        return lineItems.stream().mapToInt(LineItem::quantity).sum();
    }
}
