package io.mekong.mapping.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

public record CanonicalProduct(
        @NotBlank String externalId,
        @NotBlank String title,
        String handle,
        String vendor,
        String productType,
        String status,
        List<String> tags,
        @NotNull List<@Valid Variant> variants,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalProduct {
        tags = tags == null ? List.of() : List.copyOf(tags);
        variants = variants == null ? null : List.copyOf(variants);
    }

    public record Variant(
            @NotBlank String externalId,
            String sku,
            String title,
            String barcode,
            @NotNull Long priceMinor,
            Long compareAtMinor,
            @NotNull @IsoCurrency String currency,
            Integer inventoryQuantity) {
    }
}
