package io.mekong.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads canonical orders and customers for the API, one workspace at a time or all (admins). */
@Repository
public class CanonicalReader {

    private final JdbcTemplate jdbc;

    public CanonicalReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One order, with the payments a payment provider's connection records for it (see {@link OrderView}): that
     * connection names the order's one by its API id, in the same workspace.
     */
    public Optional<OrderView> order(String connectionId, String externalId) {
        return jdbc.query("select * from sales_order where connection_id = ? and external_id = ?", this::order,
                connectionId, externalId).stream().findFirst().map(o -> o.withProviderPayments(jdbc.query("""
                        select t.* from payment_totals t join connection c on c.id = t.connection_id
                        where c.workspace_id = ? and t.order_reference = ?
                          and c.params ->> 'ordersConnection' = (select api_id from connection where id = ?)
                        order by t.source_created_at, t.external_id""", (rs, i) -> new OrderView.ProviderPayment(
                        rs.getString("connection_id"), rs.getString("external_id"), rs.getString("status"),
                        rs.getString("currency"), rs.getLong("amount_minor"), rs.getLong("captured_minor"),
                        rs.getLong("refunded_minor"), rs.getLong("fee_minor"), rs.getLong("net_minor"),
                        Money.format(rs.getLong("captured_minor"), rs.getString("currency"))),
                        o.workspace(), externalId, connectionId)));
    }

    /**
     * @param workspaceId null for every workspace
     * @param since       only orders the source updated at or after this instant; null for all
     * @param cursor      the previous page's nextCursor, null for the first page
     */
    public Listing<OrderView> orders(String workspaceId, String connectionId, Instant since, String cursor, int limit) {
        return new KeysetQuery("sales_order").where("workspace_id = ?", workspaceId)
                .where("connection_id = ?", connectionId)
                .where("source_updated_at >= ?", since == null ? null : Timestamp.from(since))
                .page(jdbc, cursor, limit, this::order);
    }

    public Optional<CustomerView> customer(String connectionId, String externalId) {
        return jdbc.query("select * from customer where connection_id = ? and external_id = ?", this::customer,
                connectionId, externalId).stream().findFirst();
    }

    public Listing<CustomerView> customers(String workspaceId, String connectionId, String cursor, int limit) {
        return new KeysetQuery("customer").where("workspace_id = ?", workspaceId)
                .where("connection_id = ?", connectionId)
                .page(jdbc, cursor, limit, this::customer);
    }

    private OrderView order(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        long total = rs.getLong("total_minor");
        long refunded = rs.getLong("refunded_minor");
        List<OrderView.Line> lines = jdbc.query("select * from order_line where order_id = ? order by line_no",
                (l, i) -> new OrderView.Line(l.getString("external_id"), l.getString("product_external_id"),
                        l.getString("variant_external_id"), l.getString("sku"), l.getString("title"),
                        l.getString("variant_title"), l.getInt("quantity"), (Integer) l.getObject("current_quantity"),
                        l.getLong("unit_price_minor"), l.getLong("discount_minor"),
                        Money.format(l.getLong("unit_price_minor"), l.getString("currency")), l.getString("currency")),
                rs.getLong("id"));
        return new OrderView(rs.getString("connection_id"), rs.getString("external_id"), rs.getString("workspace_id"),
                rs.getString("order_number"), rs.getString("customer_external_id"), rs.getString("email"),
                rs.getString("phone"), currency, rs.getString("presentment_currency"),
                new OrderView.Amounts(nullableLong(rs, "subtotal_minor"), nullableLong(rs, "discount_minor"),
                        nullableLong(rs, "shipping_minor"), nullableLong(rs, "tax_minor"), total, refunded,
                        Money.format(total, currency), Money.format(refunded, currency)),
                rs.getString("financial_status"), rs.getString("fulfillment_status"), rs.getString("status"),
                instant(rs, "cancelled_at"), rs.getString("cancel_reason"), instant(rs, "placed_at"),
                json(rs, "billing_address"), json(rs, "shipping_address"), tags(rs), rs.getString("note"),
                rs.getString("source_channel"), rs.getBoolean("test"), lines, json(rs, "payments"), json(rs, "refunds"),
                json(rs, "attributes"), instant(rs, "source_updated_at"), rs.getBoolean("deleted"), null);
    }

    private CustomerView customer(ResultSet rs, int n) throws SQLException {
        List<CustomerView.Total> totals = jdbc.query("""
                select currency, sum(total_minor - refunded_minor) as total, count(*) as n from sales_order
                where connection_id = ? and customer_external_id = ? and status <> 'cancelled'
                group by currency order by currency""",
                (t, i) -> new CustomerView.Total(t.getString("currency"), t.getLong("total"),
                        Money.format(t.getLong("total"), t.getString("currency"))),
                rs.getString("connection_id"), rs.getString("external_id"));
        Integer count = jdbc.queryForObject("select count(*) from sales_order where connection_id = ?"
                + " and customer_external_id = ?", Integer.class, rs.getString("connection_id"), rs.getString("external_id"));
        return new CustomerView(rs.getString("connection_id"), rs.getString("external_id"), rs.getString("workspace_id"),
                rs.getString("email"), rs.getString("email_normalized"), rs.getString("phone"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("full_name"), rs.getString("locale"),
                rs.getString("state"), tags(rs), rs.getString("note"), rs.getString("email_consent"), rs.getString("sms_consent"),
                json(rs, "default_address"), json(rs, "attributes"), instant(rs, "source_created_at"), instant(rs, "source_updated_at"), rs.getBoolean("deleted"),
                new CustomerView.Orders(count, totals));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> tags(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        return tags == null ? List.of() : Arrays.asList((String[]) tags.getArray());
    }

    private static JsonNode json(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("Column " + column + " holds invalid JSON", e);
        }
    }
}
