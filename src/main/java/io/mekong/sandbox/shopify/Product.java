package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A product row of the in-memory shop; mutable, guarded by the shop's lock. */
public final class Product implements Identified {

    public final long id;
    public final OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
    public String title;
    public String handle;
    public String vendor = "";
    public String productType = "";
    public String status = "ACTIVE";
    public List<String> tags = List.of();
    public String descriptionHtml = "";
    public List<ProductVariant> variants = new ArrayList<>();

    public Product(long id, OffsetDateTime createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    @Override
    public long id() {
        return id;
    }

    public int totalInventory() {
        return variants.stream().map(v -> v.inventoryQuantity).filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
    }
}
