package io.mekong.sandbox.shopify;

/** A line of an order; {@code productId}/{@code variantId} are null for custom items. */
public record LineItem(long id, String title, String variantTitle, String sku, int quantity, int currentQuantity,
                       Long productId, Long variantId, MoneyBag originalUnitPriceSet, MoneyBag totalDiscountSet,
                       boolean taxable, boolean requiresShipping) implements Identified {

    public String name() {
        return variantTitle == null || variantTitle.isEmpty() ? title : title + " - " + variantTitle;
    }

    public MoneyBag discountedUnitPriceSet() {
        MoneyV2 shop = originalUnitPriceSet.shopMoney();
        MoneyV2 presentment = originalUnitPriceSet.presentmentMoney();
        return new MoneyBag(
                MoneyV2.of(shop.amount().subtract(perUnit(totalDiscountSet.shopMoney())), shop.currencyCode()),
                MoneyV2.of(presentment.amount().subtract(perUnit(totalDiscountSet.presentmentMoney())),
                        presentment.currencyCode()));
    }

    /** The line's price after its discount, for its whole quantity. */
    public MoneyBag discountedTotalPriceSet() {
        MoneyV2 shop = originalUnitPriceSet.shopMoney();
        MoneyV2 presentment = originalUnitPriceSet.presentmentMoney();
        java.math.BigDecimal n = java.math.BigDecimal.valueOf(quantity);
        return new MoneyBag(
                MoneyV2.of(shop.amount().multiply(n).subtract(totalDiscountSet.shopMoney().amount()), shop.currencyCode()),
                MoneyV2.of(presentment.amount().multiply(n).subtract(totalDiscountSet.presentmentMoney().amount()),
                        presentment.currencyCode()));
    }

    public LineItem withCurrentQuantity(int remaining) {
        return new LineItem(id, title, variantTitle, sku, quantity, remaining, productId, variantId,
                originalUnitPriceSet, totalDiscountSet, taxable, requiresShipping);
    }

    private java.math.BigDecimal perUnit(MoneyV2 total) {
        return total.amount().divide(java.math.BigDecimal.valueOf(Math.max(1, quantity)), 6,
                java.math.RoundingMode.HALF_EVEN);
    }
}
