package io.mekong.store;

import io.mekong.connector.ratelimit.BudgetLedger;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shared {@link BudgetLedger}: one atomic statement refills a connection's bucket for the time elapsed
 * (the database's clock, so instances need not agree on theirs) and takes a token, returning the balance.
 */
@Component
public class RateBudgets implements BudgetLedger {

    private static final String TAKE = """
            insert into rate_budget as b (connection_id, tokens, refilled_at) values (?, ?::float8 - 1, clock_timestamp())
            on conflict (connection_id) do update set
              tokens = least(?::float8, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at) * ?::float8) - 1,
              refilled_at = clock_timestamp()
            returning tokens""";
    private static final String BALANCE = """
            select least(?::float8, tokens + extract(epoch from clock_timestamp() - refilled_at) * ?::float8)
            from rate_budget where connection_id = ?""";

    private final JdbcTemplate jdbc;

    public RateBudgets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Duration take(String connectionId, double perSecond, int burst) {
        Double tokens = jdbc.queryForObject(TAKE, Double.class, connectionId, (double) burst, (double) burst, perSecond);
        return BudgetLedger.waitFor(tokens == null ? 0 : tokens, perSecond);
    }

    @Override
    public double balance(String connectionId, double perSecond, int burst) {
        return jdbc.queryForList(BALANCE, Double.class, (double) burst, perSecond, connectionId).stream().findFirst()
                .orElse((double) burst);
    }
}
