package io.mekong.sandbox.shopify;

public record RefundLineItem(long id, LineItem lineItem, int quantity, String restockType, MoneyBag subtotalSet)
        implements Identified {
}
