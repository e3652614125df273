package io.mekong.mapping.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One movement of the merchant's provider balance (a Stripe balance transaction): a charge in, a refund out, a
 * payout, an adjustment. {@code netMinor} = {@code amountMinor} − {@code feeMinor}, in the balance's (settlement)
 * currency; {@code sourceExternalId} is what caused it (a charge, a refund, a payout), which is how fees are traced
 * to payments and payouts reconciled.
 */
public record CanonicalBalanceTransaction(
        @NotBlank String externalId,
        @NotBlank String type,
        @NotBlank String status,
        String reportingCategory,
        @NotNull Long amountMinor,
        @NotNull Long feeMinor,
        @NotNull Long netMinor,
        @NotNull @IsoCurrency String currency,
        BigDecimal exchangeRate,
        List<@Valid Fee> fees,
        Instant availableOn,
        String sourceExternalId,
        String description,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalBalanceTransaction {
        fees = fees == null ? List.of() : List.copyOf(fees);
    }

    /** One part of the fee: the provider's own, an application's, a tax. */
    public record Fee(@NotBlank String type, @NotNull Long amountMinor, @NotNull @IsoCurrency String currency,
                      String description) {
    }
}
