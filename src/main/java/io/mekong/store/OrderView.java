package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A stored order as the API shows it: amounts in minor units with their currency, and as decimal strings. */
public record OrderView(String connection, String externalId, String workspace, String orderNumber,
                        String customerExternalId, String email, String phone, String currency,
                        String presentmentCurrency, Amounts amounts, String financialStatus, String fulfillmentStatus,
                        String status, Instant cancelledAt, String cancelReason, Instant placedAt,
                        JsonNode billingAddress, JsonNode shippingAddress, List<String> tags, boolean test,
                        List<Line> lines, JsonNode payments, JsonNode refunds, Instant sourceUpdatedAt,
                        boolean deleted) {

    public record Amounts(Long subtotalMinor, Long discountMinor, Long shippingMinor, Long taxMinor, long totalMinor,
                          long refundedMinor, String total, String refunded) {
    }

    public record Line(String externalId, String productExternalId, String variantExternalId, String sku, String title,
                       String variantTitle, int quantity, Integer currentQuantity, long unitPriceMinor,
                       long discountMinor, String unitPrice, String currency) {
    }
}
