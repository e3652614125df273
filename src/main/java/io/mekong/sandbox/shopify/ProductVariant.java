package io.mekong.sandbox.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A variant row; {@code price} is in the shop's currency at its minor-unit scale. */
public final class ProductVariant implements Identified {

    public final long id;
    public final long productId;
    public final OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
    public String title;
    public String sku;
    public String barcode;
    public BigDecimal price;
    public BigDecimal compareAtPrice;
    public Integer inventoryQuantity;
    public boolean taxable = true;

    public ProductVariant(long id, long productId, OffsetDateTime createdAt) {
        this.id = id;
        this.productId = productId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    @Override
    public long id() {
        return id;
    }
}
