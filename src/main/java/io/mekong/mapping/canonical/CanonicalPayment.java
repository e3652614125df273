package io.mekong.mapping.canonical;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.Map;

/**
 * One payment: the money a buyer was asked for once (a Stripe PaymentIntent), whatever the number of attempts
 * ({@link CanonicalCharge}) it took. It is the unit that is counted: {@code amountMinor} asked, {@code capturedMinor}
 * received. What was given back is the sum of its {@link CanonicalRefund}s and what the provider kept is in the
 * {@link CanonicalBalanceTransaction}s of its charges, never copied here, so that no amount is stored twice.
 * {@code orderReference} is the id of the order in the system that sold it (Stripe {@code metadata.order_id}),
 * as the merchant's checkout wrote it.
 */
public record CanonicalPayment(
        @NotBlank String externalId,
        @NotBlank String status,
        @NotNull @PositiveOrZero Long amountMinor,
        @NotNull @PositiveOrZero Long capturedMinor,
        @NotNull @IsoCurrency String currency,
        String customerExternalId,
        @Email String email,
        String orderReference,
        String chargeExternalId,
        String paymentMethodType,
        String cardBrand,
        String cardLast4,
        String failureCode,
        String declineCode,
        String failureMessage,
        Instant canceledAt,
        String cancellationReason,
        String description,
        Map<String, String> metadata,
        boolean test,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalPayment {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
