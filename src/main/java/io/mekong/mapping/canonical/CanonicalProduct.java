package io.mekong.mapping.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One product with its variants; {@code attributes} holds source fields the model has no column for. */
public record CanonicalProduct(
        @NotBlank String externalId,
        @NotBlank String title,
        String handle,
        String vendor,
        String productType,
        String status,
        List<String> tags,
        @NotNull List<@Valid Variant> variants,
        Map<String, Object> attributes,
        Instant createdAt,
        @NotNull Instant updatedAt,
        boolean deleted) implements CanonicalRecord {

    public CanonicalProduct {
        tags = tags == null ? List.of() : List.copyOf(tags);
        variants = variants == null ? null : List.copyOf(variants);
        attributes = Attributes.of(attributes);
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
