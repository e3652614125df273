package io.mekong.sandbox.shopify;

import java.math.BigDecimal;

/** An amount in the shop's currency and in the buyer's (presentment) currency. */
public record MoneyBag(MoneyV2 shopMoney, MoneyV2 presentmentMoney) {

    /** {@code shopAmount} converted to the presentment currency at {@code rate} (presentment per shop unit). */
    public static MoneyBag of(BigDecimal shopAmount, String shopCurrency, BigDecimal rate, String presentmentCurrency) {
        return new MoneyBag(MoneyV2.of(shopAmount, shopCurrency),
                MoneyV2.of(shopAmount.multiply(rate), presentmentCurrency));
    }

    public static MoneyBag single(BigDecimal amount, String currency) {
        return of(amount, currency, BigDecimal.ONE, currency);
    }

    public MoneyBag plus(MoneyBag other) {
        return new MoneyBag(shopMoney.plus(other.shopMoney), presentmentMoney.plus(other.presentmentMoney));
    }

    public MoneyBag minus(MoneyBag other) {
        return new MoneyBag(shopMoney.minus(other.shopMoney), presentmentMoney.minus(other.presentmentMoney));
    }

    public MoneyBag zero() {
        return new MoneyBag(MoneyV2.of(BigDecimal.ZERO, shopMoney.currencyCode()),
                MoneyV2.of(BigDecimal.ZERO, presentmentMoney.currencyCode()));
    }
}
