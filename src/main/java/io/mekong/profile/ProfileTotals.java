package io.mekong.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.config.Json;
import io.mekong.profile.FxRates.Rates;
import io.mekong.store.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes {@code profile.totals}: orders, purchases, revenue per currency and in the workspace's reporting currency
 * (with the rates used, and the currencies left unconverted for want of a rate), average order value, historical CLV,
 * first and last purchase, and the frequency and monetary scores (docs/identity.md, "Golden record and totals").
 *
 * <p>Revenue is what orders earned: an order's total net of its refunds; a voided or fully refunded order earns
 * nothing, and a cancelled one only what it was paid and not refunded. A payment provider's payment (Stripe) that
 * names a stored order is that order's money, shown with it and not counted again; a payment of the person's provider
 * customer that names no stored order is a purchase of its own (captured net of refunds, from {@code payment_totals},
 * which counts each payment once).
 */
public class ProfileTotals {

    private static final String ORDERS = """
            with orders as (
              select po.profile_id, o.currency, o.status, o.placed_at,
                     greatest(o.total_minor - o.refunded_minor, 0) as net,
                     (o.financial_status is distinct from 'voided' and o.financial_status is distinct from 'refunded'
                      and (o.status <> 'cancelled' or o.financial_status in ('paid', 'partially_refunded'))) as earns
                from profile_order po
                join sales_order o on o.id = po.order_id
               where po.profile_id = any(?) and not o.deleted and not o.test
            )
            select profile_id, currency, count(*) as orders, count(*) filter (where status = 'cancelled') as cancelled,
                   count(*) filter (where earns) as purchases, 0 as payments,
                   coalesce(sum(net) filter (where earns), 0) as revenue,
                   min(placed_at) filter (where earns) as first_at, max(placed_at) filter (where earns) as last_at
              from orders group by profile_id, currency
            """;

    private static final String PAYMENTS = """
            select profile_id, currency, 0 as orders, 0 as cancelled, count(*) as purchases, count(*) as payments,
                   sum(captured_minor - refunded_minor) as revenue,
                   min(source_created_at) as first_at, max(source_created_at) as last_at
              from profile_payment
             where profile_id = any(?) and order_id is null and captured_minor > refunded_minor
             group by profile_id, currency
            """;

    /**
     * The profiles whose provider customers have payments (or legacy charges without one): only those are worth the
     * payment_totals view, which sums every payment of the database whatever it is asked for (docs/identity.md).
     */
    private static final String PAYERS = """
            select i.profile_id from identity i
              join payment p on p.connection_id = i.connection_id and p.customer_external_id = i.external_id
             where i.profile_id = any(?) and i.kind = 'customer'
            union
            select i.profile_id from identity i
              join payment_charge c on c.connection_id = i.connection_id and c.customer_external_id = i.external_id
             where i.profile_id = any(?) and i.kind = 'customer' and c.payment_external_id is null
            """;

    private final JdbcTemplate jdbc;
    private final FxRates rates;
    private final GoldenRules.RfmThresholds rfm;

    public ProfileTotals(JdbcTemplate jdbc, FxRates rates, GoldenRules rules) {
        this.jdbc = jdbc;
        this.rates = rates;
        this.rfm = rules.rfm();
    }

    /** Recomputes the totals of these profiles; ids of profiles that no longer exist are passed over. */
    public void refresh(Collection<Long> profileIds) {
        if (profileIds.isEmpty()) {
            return;
        }
        Map<Long, String> workspaces = new HashMap<>();
        Map<Long, List<CurrencyRow>> rows = new HashMap<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Array ids = connection.createArrayOf("bigint", profileIds.toArray());
            try (var profiles = connection.prepareStatement("select id, workspace_id from profile where id = any(?)")) {
                profiles.setArray(1, ids);
                try (ResultSet rs = profiles.executeQuery()) {
                    while (rs.next()) {
                        workspaces.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            read(connection, ORDERS, ids, rows);
            List<Long> payers = new ArrayList<>();
            try (var statement = connection.prepareStatement(PAYERS)) {
                statement.setArray(1, ids);
                statement.setArray(2, ids);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        payers.add(rs.getLong(1));
                    }
                }
            }
            if (!payers.isEmpty()) {
                read(connection, PAYMENTS, connection.createArrayOf("bigint", payers.toArray()), rows);
            }
            return null;
        });
        Map<String, Rates> ratesOf = new HashMap<>();
        List<Long> ids = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        workspaces.forEach((id, workspace) -> {
            Rates workspaceRates = ratesOf.computeIfAbsent(workspace, ws -> rates.of(ws).orElseThrow());
            ids.add(id);
            computed.add(totals(rows.getOrDefault(id, List.of()), workspaceRates).toString());
        });
        jdbc.update("""
                update profile p set totals = u.totals::jsonb, updated_at = now()
                  from unnest(?::bigint[], ?::text[]) as u(id, totals) where p.id = u.id""",
                ids.toArray(Long[]::new), computed.toArray(String[]::new));
    }

    private static void read(Connection connection, String sql, Array ids, Map<Long, List<CurrencyRow>> rows)
            throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getLong("profile_id"), id -> new ArrayList<>()).add(CurrencyRow.of(rs));
                }
            }
        }
    }

    /** Recomputes every profile of a workspace, e.g. after its rates changed. */
    public void refreshWorkspace(String workspaceId) {
        refresh(jdbc.queryForList("select id from profile where workspace_id = ?", Long.class, workspaceId));
    }

    private ObjectNode totals(List<CurrencyRow> rows, Rates rates) {
        Map<String, CurrencyRow> perCurrency = new TreeMap<>();
        rows.forEach(row -> perCurrency.merge(row.currency, row, CurrencyRow::plus));
        CurrencyRow all = rows.stream().reduce(CurrencyRow.NONE, CurrencyRow::plus);

        String reporting = rates.reportingCurrency();
        long converted = 0;
        long convertedPurchases = 0;
        Map<String, ObjectNode> used = new LinkedHashMap<>();
        List<String> unconverted = new ArrayList<>();
        ObjectNode byCurrency = Json.MAPPER.createObjectNode();
        for (CurrencyRow row : perCurrency.values()) {
            byCurrency.set(row.currency, money(row.revenue, row.currency).put("purchases", row.purchases)
                    .put("orders", row.orders));
            if (row.revenue == 0 && row.purchases == 0) {
                continue;
            }
            var inReporting = rates.convert(row.revenue, row.currency);
            if (inReporting.isEmpty()) {
                unconverted.add(row.currency);
                continue;
            }
            converted += inReporting.get();
            convertedPurchases += row.purchases;
            if (!row.currency.equals(reporting)) {
                FxRates.Rate rate = rates.rates().get(row.currency);
                used.put(row.currency, Json.MAPPER.createObjectNode().put("rate", rate.rate().toPlainString())
                        .put("setAt", rate.setAt().toString()));
            }
        }

        ObjectNode totals = Json.MAPPER.createObjectNode();
        totals.put("orders", all.orders).put("cancelled", all.cancelled).put("purchases", all.purchases)
                .put("providerPayments", all.payments);
        totals.put("firstOrderAt", all.first == null ? null : all.first.toString());
        totals.put("lastOrderAt", all.last == null ? null : all.last.toString());
        ObjectNode revenue = money(converted, reporting);
        revenue.set("rates", Json.MAPPER.valueToTree(used));
        revenue.set("unconverted", Json.MAPPER.valueToTree(unconverted));
        totals.set("revenue", revenue);
        totals.set("revenueByCurrency", byCurrency);
        totals.set("averageOrderValue", convertedPurchases == 0 ? null : money(BigDecimal.valueOf(converted)
                .divide(BigDecimal.valueOf(convertedPurchases), 0, RoundingMode.HALF_EVEN).longValueExact(), reporting));
        // historical CLV: what the person has brought so far, net of refunds (no prediction)
        totals.set("clv", money(converted, reporting));
        ObjectNode scores = totals.putObject("rfm");
        if (all.purchases > 0) {
            scores.put("frequency", Rfm.frequency(all.purchases, rfm));
            scores.put("monetary", Rfm.monetary(BigDecimal.valueOf(converted, FxRates.Rates.digits(reporting)), rfm));
        }
        return totals;
    }

    private static ObjectNode money(long minor, String currency) {
        return Json.MAPPER.createObjectNode().put("currency", currency).put("amountMinor", minor)
                .put("amount", Money.format(minor, currency));
    }

    /** One currency's part of one profile's orders or provider payments. */
    private record CurrencyRow(String currency, long orders, long cancelled, long purchases, long payments, long revenue,
                               Instant first, Instant last) {

        static final CurrencyRow NONE = new CurrencyRow(null, 0, 0, 0, 0, 0, null, null);

        static CurrencyRow of(ResultSet rs) throws SQLException {
            return new CurrencyRow(rs.getString("currency").trim(), rs.getLong("orders"), rs.getLong("cancelled"),
                    rs.getLong("purchases"), rs.getLong("payments"), rs.getLong("revenue"), instant(rs, "first_at"),
                    instant(rs, "last_at"));
        }

        CurrencyRow plus(CurrencyRow other) {
            return new CurrencyRow(currency == null ? other.currency : currency, orders + other.orders,
                    cancelled + other.cancelled, purchases + other.purchases, payments + other.payments,
                    revenue + other.revenue, earlier(first, other.first), later(last, other.last));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            Timestamp at = rs.getTimestamp(column);
            return at == null ? null : at.toInstant();
        }

        private static Instant earlier(Instant a, Instant b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }

        private static Instant later(Instant a, Instant b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }
    }
}
