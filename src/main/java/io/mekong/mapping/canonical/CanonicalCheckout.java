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
 * A checkout the buyer started: what was in the cart, who they are and the link back to it. {@code completedAt} is
 * set once it became an order (a recovered checkout); until then, past a delay with no order from the same buyer, the
 * hub counts it abandoned (docs/operations.md, "Abandoned checkouts"). Amounts are integer minor units of
 * {@code currency}; {@code email} is kept as the source wrote it. A checkout is no evidence of identity.
 */
public record CanonicalCheckout(
        @NotBlank String externalId,
        String customerExternalId,
        String email,
        @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be E.164") String phone,
        @NotNull @IsoCurrency String currency,
        @PositiveOrZero Long subtotalMinor,
        @NotNull @PositiveOrZero Long totalMinor,
        @NotNull List<@Valid Line> lines,
        String recoveryUrl,
        Instant completedAt,
        @NotNull Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted,
        Map<String, Object> attributes) implements CanonicalRecord {

    public CanonicalCheckout {
        lines = lines == null ? null : List.copyOf(lines);
        attributes = Attributes.of(attributes);
    }

    public record Line(
            @NotBlank String title,
            String sku,
            String productExternalId,
            String variantExternalId,
            @PositiveOrZero int quantity,
            @NotNull Long unitPriceMinor,
            @NotNull @IsoCurrency String currency) {
    }
}
