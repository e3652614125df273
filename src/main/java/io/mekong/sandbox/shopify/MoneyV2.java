package io.mekong.sandbox.shopify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** An amount in one currency, scaled to that currency's minor unit (VND 0 decimals, USD 2). */
public record MoneyV2(BigDecimal amount, String currencyCode) {

    public static MoneyV2 of(BigDecimal amount, String currencyCode) {
        return new MoneyV2(amount.setScale(scale(currencyCode), RoundingMode.HALF_EVEN), currencyCode);
    }

    public static int scale(String currencyCode) {
        return Currency.getInstance(currencyCode).getDefaultFractionDigits();
    }

    public MoneyV2 plus(MoneyV2 other) {
        return of(amount.add(other.amount), currencyCode);
    }

    public MoneyV2 minus(MoneyV2 other) {
        return of(amount.subtract(other.amount), currencyCode);
    }
}
