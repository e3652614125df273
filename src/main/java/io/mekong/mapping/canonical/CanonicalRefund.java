package io.mekong.mapping.canonical;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;

/** Money given back for a payment (a Stripe Refund), linked to the payment and to the charge it reverses. */
public record CanonicalRefund(
        @NotBlank String externalId,
        String paymentExternalId,
        String chargeExternalId,
        @NotBlank String status,
        String reason,
        String failureReason,
        @NotNull @PositiveOrZero Long amountMinor,
        @NotNull @IsoCurrency String currency,
        String balanceTransactionExternalId,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {
}
