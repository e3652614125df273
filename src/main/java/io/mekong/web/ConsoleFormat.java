package io.mekong.web;

import io.mekong.ops.MekongUser;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Money, numbers and dates as the console shows them, in the reader's language and their workspace's time zone.
 * Templates call it as {@code ${@fmt.money(order.totalMinor, order.currency)}}.
 */
@Component("fmt")
public class ConsoleFormat {

    private static final String ZONE_ATTRIBUTE = ConsoleFormat.class.getName() + ".zone";

    private final WorkspaceZones zones;
    private final MessageSource messages;

    ConsoleFormat(WorkspaceZones zones, MessageSource messages) {
        this.zones = zones;
        this.messages = messages;
    }

    /**
     * An amount in minor units of an ISO 4217 currency, with the currency's own decimals (VND none, USD two, KWD three)
     * and the reader's conventions: {@code 1.250.000 ₫} in Vietnamese, {@code ₫1,250,000} in English.
     */
    public String money(Long minorUnits, String currencyCode) {
        if (minorUnits == null || currencyCode == null) {
            return "";
        }
        Currency currency = Currency.getInstance(currencyCode);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale());
        format.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minorUnits, digits));
    }

    public String number(Number value) {
        return value == null ? "" : NumberFormat.getIntegerInstance(locale()).format(value);
    }

    /** Date and time in the workspace's zone, with the zone's offset so that nobody has to guess. */
    public String instant(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern(pattern("console.format.instant"), locale())
                .format(instant.atZone(zone()));
    }

    public String date(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale())
                .format(instant.atZone(zone()));
    }

    /** How long ago, roughly: "3 min ago", "2 h ago", "5 days ago" (or the Vietnamese). */
    public String ago(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration elapsed = Duration.between(instant, Instant.now());
        if (elapsed.toMinutes() < 1) {
            return messages.getMessage("console.ago.now", null, locale());
        }
        if (elapsed.toHours() < 1) {
            return messages.getMessage("console.ago.minutes", new Object[] {elapsed.toMinutes()}, locale());
        }
        if (elapsed.toDays() < 1) {
            return messages.getMessage("console.ago.hours", new Object[] {elapsed.toHours()}, locale());
        }
        return messages.getMessage("console.ago.days", new Object[] {elapsed.toDays()}, locale());
    }

    /** The signed-in person's workspace zone (the default workspace's for those who see all), once per request. */
    public ZoneId zone() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ZONE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId known) {
            return known;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        ZoneId zone = zones.of(authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof MekongUser)
                ? null : ConsoleUser.of(authentication).workspace());
        if (request != null) {
            request.setAttribute(ZONE_ATTRIBUTE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
    }

    private String pattern(String key) {
        return messages.getMessage(key, null, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
