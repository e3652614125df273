package io.mekong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Money as a reader of each language expects it, with each currency's own decimals. */
class ConsoleFormatTest {

    private final ConsoleFormat format = new ConsoleFormat(null, messages());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void dongHaveNoDecimalsAndTheDongSignInBothLanguages() {
        LocaleContextHolder.setLocale(ConsoleLanguages.VIETNAMESE);
        assertThat(format.money(1_250_000L, "VND")).isEqualTo("1.250.000\u00a0₫");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.money(1_250_000L, "VND")).isEqualTo("₫1,250,000");
    }

    @Test
    void minorUnitsFollowTheCurrencysDecimals() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.money(1250L, "USD")).isEqualTo("$12.50");
        assertThat(format.money(1250L, "KWD")).isEqualTo("KWD1.250");
        LocaleContextHolder.setLocale(ConsoleLanguages.VIETNAMESE);
        assertThat(format.money(1250L, "USD")).isEqualTo("12,50\u00a0US$");
    }

    @Test
    void numbersAreGroupedPerLanguageAndNothingIsShownForNoValue() {
        LocaleContextHolder.setLocale(ConsoleLanguages.VIETNAMESE);
        assertThat(format.number(1234567)).isEqualTo("1.234.567");
        assertThat(format.money(null, "VND")).isEmpty();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.number(1234567)).isEqualTo("1,234,567");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/console");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
