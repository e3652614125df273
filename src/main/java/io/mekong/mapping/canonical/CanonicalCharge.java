package io.mekong.mapping.canonical;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;

/**
 * One attempt to move the money of a payment (a Stripe Charge): failed attempts before the one that succeeded are
 * kept, linked by {@code paymentExternalId}, and are never counted as money of their own. A charge without a payment
 * (Stripe's legacy Charges API) is the whole payment; the {@code payment_totals} view counts those once.
 * {@code refundedMinor} is the provider's running total when the charge was read; refunds themselves are
 * {@link CanonicalRefund}s.
 */
public record CanonicalCharge(
        @NotBlank String externalId,
        String paymentExternalId,
        @NotBlank String status,
        @NotNull @PositiveOrZero Long amountMinor,
        @NotNull @PositiveOrZero Long capturedMinor,
        @NotNull @PositiveOrZero Long refundedMinor,
        @NotNull @IsoCurrency String currency,
        String customerExternalId,
        @Email String email,
        String orderReference,
        String balanceTransactionExternalId,
        String paymentMethodType,
        String cardBrand,
        String cardLast4,
        String failureCode,
        String declineCode,
        String failureMessage,
        boolean test,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {
}
