package io.mekong.mapping.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One order with its lines, payments and refunds. Amounts are integer minor units of {@code currency}
 * (the shop's currency); {@code presentmentCurrency} is what the buyer saw. {@code note} is the buyer's or the
 * merchant's note on the order; {@code sourceChannel} is where it was placed, in the source's own words (Shopify's
 * "web", "pos", "shopify_draft_order", a Magento store name, or the marketplace itself). {@code attributes} holds
 * source fields the model has no column for (see {@link Attributes}).
 */
public record CanonicalOrder(
        @NotBlank String externalId,
        String orderNumber,
        String customerExternalId,
        String email,
        @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be E.164") String phone,
        @NotNull @IsoCurrency String currency,
        @IsoCurrency String presentmentCurrency,
        Long subtotalMinor,
        Long discountMinor,
        Long shippingMinor,
        Long taxMinor,
        @NotNull @PositiveOrZero Long totalMinor,
        @PositiveOrZero long refundedMinor,
        String financialStatus,
        String fulfillmentStatus,
        @NotNull @Pattern(regexp = "open|closed|cancelled") String status,
        Instant cancelledAt,
        String cancelReason,
        @NotNull Instant placedAt,
        @Valid Address billingAddress,
        @Valid Address shippingAddress,
        List<String> tags,
        String note,
        String sourceChannel,
        boolean test,
        @NotNull List<@Valid Line> lines,
        List<@Valid Payment> payments,
        List<@Valid Refund> refunds,
        Map<String, Object> attributes,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalOrder {
        tags = tags == null ? List.of() : List.copyOf(tags);
        lines = lines == null ? null : List.copyOf(lines);
        payments = payments == null ? List.of() : List.copyOf(payments);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
        attributes = Attributes.of(attributes);
    }

    public record Line(
            @NotBlank String externalId,
            String productExternalId,
            String variantExternalId,
            String sku,
            @NotBlank String title,
            String variantTitle,
            @PositiveOrZero int quantity,
            Integer currentQuantity,
            @NotNull Long unitPriceMinor,
            long discountMinor,
            @NotNull @IsoCurrency String currency) {
    }

    public record Payment(
            @NotBlank String externalId,
            @NotBlank String kind,
            @NotBlank String status,
            String gateway,
            @NotNull Long amountMinor,
            @NotNull @IsoCurrency String currency,
            Instant processedAt) {
    }

    public record Refund(
            @NotBlank String externalId,
            Instant createdAt,
            String note,
            @NotNull Long amountMinor,
            @NotNull @IsoCurrency String currency,
            List<@Valid RefundLine> lines) {

        public Refund {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    public record RefundLine(@NotBlank String lineExternalId, int quantity, Long subtotalMinor) {
    }
}
