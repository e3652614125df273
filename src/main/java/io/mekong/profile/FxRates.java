package io.mekong.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A workspace's reporting currency and the exchange rates an operator set for it. There are no live rates (the hub
 * may have no internet, and a guessed rate is worse than none): an amount in a currency without a rate stays
 * unconverted and is reported as such.
 */
public class FxRates {

    private final JdbcTemplate jdbc;

    public FxRates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The workspace's currency and rates; empty when the workspace does not exist. */
    public Optional<Rates> of(String workspaceId) {
        return jdbc.query("select reporting_currency from workspace where id = ?",
                (rs, n) -> rs.getString(1), workspaceId).stream().findFirst().map(currency -> {
                    Map<String, Rate> rates = new LinkedHashMap<>();
                    jdbc.query("select currency, rate, set_at, set_by from fx_rate where workspace_id = ? order by currency",
                            rs -> {
                                rates.put(rs.getString("currency"), new Rate(rs.getBigDecimal("rate"),
                                        rs.getTimestamp("set_at").toInstant(), rs.getString("set_by")));
                            }, workspaceId);
                    return new Rates(workspaceId, currency, rates);
                });
    }

    /**
     * Replaces the workspace's reporting currency and every rate. Runs in the caller's transaction.
     *
     * @throws IllegalArgumentException naming a currency that is not ISO 4217 or a rate that is not positive
     */
    public void set(String workspaceId, String reportingCurrency, Map<String, BigDecimal> rates, String by) {
        String reporting = currency(reportingCurrency, "reportingCurrency");
        rates.forEach((code, rate) -> {
            String checked = currency(code, "rates");
            if (checked.equals(reporting)) {
                throw new IllegalArgumentException("rates." + code + ": the reporting currency needs no rate");
            }
            if (rate == null || rate.signum() <= 0) {
                throw new IllegalArgumentException("rates." + code + ": must be a positive number (units of " + reporting
                        + " for 1 " + code + "), was " + rate);
            }
        });
        jdbc.update("update workspace set reporting_currency = ? where id = ?", reporting, workspaceId);
        jdbc.update("delete from fx_rate where workspace_id = ?", workspaceId);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("insert into fx_rate (workspace_id, currency, rate, set_at, set_by) values (?, ?, ?, ?, ?)",
                rates.entrySet().stream().map(e -> new Object[] {workspaceId, e.getKey(), e.getValue(), now, by}).toList());
    }

    private static String currency(String code, String option) {
        if (code == null) {
            throw new IllegalArgumentException(option + ": a currency code is required");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (!currency.getCurrencyCode().equals(code)) {
                throw new IllegalArgumentException(option + ": '" + code + "' is not an ISO 4217 currency code");
            }
            return code;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": '" + code + "' is not an ISO 4217 currency code");
        }
    }

    /** @param rates per currency, 1 unit of it in units of {@code reportingCurrency} */
    public record Rates(String workspace, String reportingCurrency, Map<String, Rate> rates) {

        public Rates {
            rates = Map.copyOf(rates);
        }

        /** {@code minor} units of {@code currency} in minor units of the reporting currency; empty without a rate. */
        public Optional<Long> convert(long minor, String currency) {
            if (currency.equals(reportingCurrency)) {
                return Optional.of(minor);
            }
            Rate rate = rates.get(currency);
            if (rate == null) {
                return Optional.empty();
            }
            BigDecimal major = BigDecimal.valueOf(minor, digits(currency));
            return Optional.of(major.multiply(rate.rate()).setScale(digits(reportingCurrency), RoundingMode.HALF_EVEN)
                    .unscaledValue().longValueExact());
        }

        static int digits(String currency) {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        }
    }

    public record Rate(BigDecimal rate, Instant setAt, String setBy) {
    }
}
