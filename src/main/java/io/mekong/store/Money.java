package io.mekong.store;

import java.math.BigDecimal;
import java.util.Currency;

/** Minor units shown as the decimal string people read: 40300 USD → "403.00", 1250000 VND → "1250000". */
public final class Money {

    private Money() {
    }

    public static String format(Long minor, String currency) {
        if (minor == null || currency == null) {
            return null;
        }
        int digits = Math.max(0, Currency.getInstance(currency.trim()).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
