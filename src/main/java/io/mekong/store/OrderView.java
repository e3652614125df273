package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A stored order as the API shows it: amounts in minor units with their currency, and as decimal strings.
 * {@code providerPayments} are the payment provider's payments made for it (Stripe payments whose connection names
 * this order's connection as its {@code ordersConnection}); shown for one order, absent from listings.
 */
public record OrderView(String connection, String externalId, String workspace, String orderNumber,
                        String customerExternalId, String email, String phone, String currency,
                        String presentmentCurrency, Amounts amounts, String financialStatus, String fulfillmentStatus,
                        String status, Instant cancelledAt, String cancelReason, Instant placedAt,
                        JsonNode billingAddress, JsonNode shippingAddress, List<String> tags, String note,
                        String sourceChannel, boolean test, List<Line> lines, JsonNode payments, JsonNode refunds,
                        JsonNode attributes, Instant sourceUpdatedAt, boolean deleted,
                        List<ProviderPayment> providerPayments) {

    public record Amounts(Long subtotalMinor, Long discountMinor, Long shippingMinor, Long taxMinor, long totalMinor,
                          long refundedMinor, String total, String refunded) {
    }

    /** What one provider payment charged, captured and refunded, and what the provider kept in fees. */
    public record ProviderPayment(String connection, String externalId, String status, String currency, long amountMinor,
                                  long capturedMinor, long refundedMinor, long feeMinor, long netMinor, String captured) {

        ProviderPayment withConnection(String name) {
            return new ProviderPayment(name, externalId, status, currency, amountMinor, capturedMinor, refundedMinor,
                    feeMinor, netMinor, captured);
        }
    }

    public OrderView withProviderPayments(List<ProviderPayment> provider) {
        return with(connection, provider);
    }

    /** The same order with its connections (its own and its provider payments') named by {@code name}. */
    public OrderView withConnectionsNamed(UnaryOperator<String> name) {
        return with(name.apply(connection), providerPayments == null ? null
                : providerPayments.stream().map(p -> p.withConnection(name.apply(p.connection()))).toList());
    }

    private OrderView with(String connection, List<ProviderPayment> provider) {
        return new OrderView(connection, externalId, workspace, orderNumber, customerExternalId, email, phone, currency,
                presentmentCurrency, amounts, financialStatus, fulfillmentStatus, status, cancelledAt, cancelReason, placedAt,
                billingAddress, shippingAddress, tags, note, sourceChannel, test, lines, payments, refunds, attributes,
                sourceUpdatedAt, deleted, provider);
    }

    public record Line(String externalId, String productExternalId, String variantExternalId, String sku, String title,
                       String variantTitle, int quantity, Integer currentQuantity, long unitPriceMinor,
                       long discountMinor, String unitPrice, String currency) {
    }
}
