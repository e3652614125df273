package io.mekong.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.mekong.connector.spec.Timestamps;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;

/**
 * The JSONata functions Mekong adds for mappings. Each returns undefined (null) for an absent input and throws
 * {@link IllegalArgumentException} for a present but unusable one, so that the record is rejected with the reason
 * instead of being stored with a silently wrong or missing value.
 */
public final class MappingFunctions {

    /** Region used by {@code $e164} for numbers without a country code when the mapping passes none. */
    public static final String DEFAULT_REGION = "VN";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private MappingFunctions() {
    }

    /** Registers $minor, $major, $minorUnits, $e164, $instant and $legacyId on a compiled expression. */
    public static void registerOn(Jsonata expression) {
        register(expression, "minor", args -> minor(arg(args, 0), (String) arg(args, 1)));
        register(expression, "major", args -> major(arg(args, 0), (String) arg(args, 1)));
        register(expression, "minorUnits", args -> minorUnits(arg(args, 0), (String) arg(args, 1)));
        register(expression, "e164", args -> e164((String) arg(args, 0), (String) arg(args, 1)));
        register(expression, "instant", args -> instant((String) arg(args, 0), (String) arg(args, 1)));
        register(expression, "legacyId", args -> legacyId((String) arg(args, 0)));
    }

    /** A decimal amount (string or number) as integer minor units of the currency, exactly; null for null. */
    public static Long minor(Object amount, String currency) {
        if (amount == null) {
            return null;
        }
        if (currency == null) {
            throw new IllegalArgumentException("$minor: no currency for amount " + amount);
        }
        int digits = fractionDigits("$minor", currency);
        BigDecimal value;
        try {
            value = amount instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(amount.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("$minor: '" + amount + "' is not a decimal amount");
        }
        try {
            return value.setScale(digits).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("$minor: " + amount + " has more decimals than " + currency
                    + " allows (" + digits + ")");
        }
    }

    /**
     * Integer minor units as the decimal amount a target takes ({@code 1099} USD is {@code 10.99}, {@code 500000} VND
     * is {@code 500000}), exactly; null for null. Outbound mappings use it: targets want major units.
     */
    public static Double major(Object amountMinor, String currency) {
        if (amountMinor == null) {
            return null;
        }
        if (currency == null) {
            throw new IllegalArgumentException("$major: no currency for amount " + amountMinor);
        }
        int digits = fractionDigits("$major", currency);
        try {
            // JSONata computes in doubles; any amount below 2^53 minor units has an exact nearest double
            return BigDecimal.valueOf(new BigDecimal(amountMinor.toString().trim()).longValueExact(), digits).doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("$major: '" + amountMinor + "' is not a whole number of minor units");
        }
    }

    /**
     * An amount a source already sends as an integer of the currency's minor unit (Stripe: {@code 150000} VND is
     * 150,000 ₫, {@code 1099} USD is $10.99), checked rather than converted: the currency must be an ISO 4217 code
     * with a minor unit and the amount a whole number; null for null.
     */
    public static Long minorUnits(Object amount, String currency) {
        if (amount == null) {
            return null;
        }
        if (currency == null) {
            throw new IllegalArgumentException("$minorUnits: no currency for amount " + amount);
        }
        fractionDigits("$minorUnits", currency);
        try {
            BigDecimal value = amount instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(amount.toString().trim());
            return value.stripTrailingZeros().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("$minorUnits: '" + amount + "' is not a whole number of " + currency
                    + " minor units");
        }
    }

    /** A phone number in E.164, reading numbers without a country code in {@code region} (default VN). */
    public static String e164(String phone, String region) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String effectiveRegion = region == null || region.isBlank() ? DEFAULT_REGION : region;
        try {
            PhoneNumber number = PHONES.parse(phone, effectiveRegion);
            if (!PHONES.isPossibleNumber(number)) {
                throw new IllegalArgumentException("$e164: '" + phone + "' is not a possible phone number (region "
                        + effectiveRegion + ")");
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("$e164: '" + phone + "' is not a phone number (region "
                    + effectiveRegion + "): " + e.getMessage());
        }
    }

    /** An ISO-8601 timestamp with offset as the UTC instant, e.g. "2025-03-04T10:15:30+07:00" → "2025-03-04T03:15:30Z". */
    public static String instant(String timestamp) {
        return instant(timestamp, null);
    }

    /**
     * A timestamp as the UTC instant: ISO-8601 with an offset when {@code pattern} is null, else a time written in
     * that pattern, at the offset it carries when the pattern has one (Lazada:
     * {@code $instant(updated_at, 'yyyy-MM-dd HH:mm:ss Z')}), else meant as UTC (Magento:
     * {@code $instant(updated_at, 'yyyy-MM-dd HH:mm:ss')}).
     */
    public static String instant(String timestamp, String pattern) {
        if (timestamp == null) {
            return null;
        }
        DateTimeFormatter formatter;
        try {
            formatter = pattern == null ? null : DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$instant: '" + pattern + "' is not a date-time pattern");
        }
        try {
            return (formatter == null ? OffsetDateTime.parse(timestamp).toInstant() : Timestamps.parse(timestamp, formatter))
                    .toString();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("$instant: '" + timestamp + "' is not "
                    + (pattern == null ? "an ISO-8601 timestamp with offset" : "a time in the pattern " + pattern));
        }
    }

    /** The numeric id inside a Shopify global id, e.g. "gid://shopify/Order/450789469" → "450789469". */
    public static String legacyId(String gid) {
        if (gid == null) {
            return null;
        }
        int query = gid.indexOf('?');
        String path = query < 0 ? gid : gid.substring(0, query);
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (!path.startsWith("gid://") || id.isEmpty()) {
            throw new IllegalArgumentException("$legacyId: '" + gid + "' is not a global id like gid://shopify/Order/1");
        }
        return id;
    }

    private static int fractionDigits(String function, String currency) {
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(function + ": '" + currency + "' is not an ISO 4217 currency code");
        }
        if (digits < 0) {
            throw new IllegalArgumentException(function + ": " + currency + " has no minor unit");
        }
        return digits;
    }

    private static Object arg(List<?> args, int index) {
        Object value = index < args.size() ? args.get(index) : null;
        return value == Jsonata.NULL_VALUE ? null : value;
    }

    private static void register(Jsonata expression, String name, Function<List<?>, Object> body) {
        expression.registerFunction(name, new Jsonata.JFunction((input, args) -> {
            try {
                return body.apply(args);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException("$" + name + ": wrong argument type " + args);
            }
        }, null));
    }
}
