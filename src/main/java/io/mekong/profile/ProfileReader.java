package io.mekong.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.config.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.mekong.identity.consent.Consents;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One profile as the 360° API shows it: the golden record with its sources, every identity with what its source says
 * of the person, every order of every channel with its payments (the order's own transactions and the payment
 * provider's payments that name it), the provider payments that name no stored order, the totals with the recency
 * score of today, and the merge history. Connections are named by their API ids.
 */
public class ProfileReader {

    private final JdbcTemplate jdbc;
    private final GoldenRules rules;
    private final Consents consents;
    private final Clock clock;

    public ProfileReader(JdbcTemplate jdbc, GoldenRules rules, Consents consents) {
        this(jdbc, rules, consents, Clock.systemUTC());
    }

    ProfileReader(JdbcTemplate jdbc, GoldenRules rules, Consents consents, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.consents = consents;
        this.clock = clock;
    }

    /** @param workspaceId the workspace it must be in; null: any (admins) */
    public Optional<Profile> profile(long id, String workspaceId) {
        return jdbc.query("select id, workspace_id, golden, totals, created_at, updated_at from profile where id = ?"
                        + " and workspace_id = coalesce(?, workspace_id)",
                (rs, n) -> new Profile(rs.getLong("id"), rs.getString("workspace_id"), ProfileSearch.json(rs.getString("golden")),
                        identities(id), orders(id), payments(id), withRecency(ProfileSearch.json(rs.getString("totals"))),
                        Json.MAPPER.valueToTree(consents.forProfile(id)), merges(id), instant(rs, "created_at"), instant(rs, "updated_at")),
                id, workspaceId).stream().findFirst();
    }

    /** The profile a source record's identity belongs to, if resolved. */
    public Optional<Long> profileOf(String connectionId, String kind, String externalId) {
        return jdbc.query("select profile_id from identity where connection_id = ? and kind = ? and external_id = ?"
                + " and profile_id is not null", (rs, n) -> rs.getLong(1), connectionId, kind, externalId).stream().findFirst();
    }

    private List<Identity> identities(long profileId) {
        return jdbc.query("""
                select i.id, conn.api_id, conn.connector, i.kind, i.external_id,
                       coalesce(c.email, last_order.email) as email, coalesce(c.phone, last_order.phone) as phone,
                       coalesce(nullif(btrim(concat_ws(' ', btrim(c.first_name), btrim(c.last_name))), ''), last_order.name) as name
                  from identity i
                  join connection conn on conn.id = i.connection_id
                  left join customer c on i.kind = 'customer' and c.connection_id = i.connection_id
                        and c.external_id = i.external_id
                  left join lateral (
                        select o.email, o.phone, o.billing_address ->> 'name' as name from sales_order o
                         where i.kind <> 'customer' and o.connection_id = i.connection_id
                           and ((i.kind = 'buyer' and o.customer_external_id = i.external_id)
                             or (i.kind = 'guest' and o.customer_external_id is null and o.external_id = i.external_id))
                         order by o.placed_at desc limit 1) last_order on true
                 where i.profile_id = ?
                 order by i.id""", (rs, n) -> new Identity(rs.getLong("id"), rs.getString("api_id"),
                rs.getString("connector"), rs.getString("kind"), rs.getString("external_id"), rs.getString("email"),
                rs.getString("phone"), rs.getString("name")), profileId);
    }

    private List<Order> orders(long profileId) {
        Map<Long, ArrayNode> providerPayments = new HashMap<>();
        jdbc.query("""
                select o.id as order_id, pconn.api_id, t.* from profile_order po
                  join sales_order o on o.id = po.order_id
                  join connection oc on oc.id = o.connection_id
                  join connection pconn on pconn.workspace_id = oc.workspace_id and pconn.params ->> 'ordersConnection' = oc.api_id
                  join payment_totals t on t.connection_id = pconn.id and t.order_reference = o.external_id
                 where po.profile_id = ?
                 order by t.source_created_at, t.external_id""", rs -> {
            providerPayments.computeIfAbsent(rs.getLong("order_id"), id -> Json.MAPPER.createArrayNode()).add(payment(rs));
        }, profileId);
        return jdbc.query("""
                select o.id, conn.api_id, o.external_id, o.order_number, o.placed_at, o.status, o.financial_status,
                       o.currency, o.total_minor, o.refunded_minor, o.payments, po.identity_id
                  from profile_order po
                  join sales_order o on o.id = po.order_id
                  join connection conn on conn.id = o.connection_id
                 where po.profile_id = ? and not o.deleted
                 order by o.placed_at, o.id""", (rs, n) -> {
            ArrayNode payments = Json.MAPPER.createArrayNode();
            String connection = rs.getString("api_id");
            ProfileSearch.json(rs.getString("payments")).forEach(own -> payments.add(
                    Json.MAPPER.createObjectNode().put("connection", connection).setAll((ObjectNode) own)));
            payments.addAll(providerPayments.getOrDefault(rs.getLong("id"), Json.MAPPER.createArrayNode()));
            return new Order(connection, rs.getString("external_id"), rs.getString("order_number"),
                    instant(rs, "placed_at"), rs.getString("status"), rs.getString("financial_status"),
                    rs.getString("currency").trim(), rs.getLong("total_minor"), rs.getLong("refunded_minor"),
                    rs.getLong("identity_id"), payments);
        }, profileId);
    }

    /** Provider payments of the profile's provider customers that name no stored order. */
    private List<JsonNode> payments(long profileId) {
        return jdbc.query("""
                select conn.api_id, t.* from profile_payment t join connection conn on conn.id = t.connection_id
                 where t.profile_id = ? and t.order_id is null
                 order by t.source_created_at, t.external_id""", (rs, n) -> payment(rs), profileId);
    }

    private static JsonNode payment(ResultSet rs) throws SQLException {
        ObjectNode payment = Json.MAPPER.createObjectNode().put("connection", rs.getString("api_id"))
                .put("externalId", rs.getString("external_id")).put("kind", rs.getString("kind"))
                .put("status", rs.getString("status")).put("currency", rs.getString("currency").trim())
                .put("amountMinor", rs.getLong("amount_minor")).put("capturedMinor", rs.getLong("captured_minor"))
                .put("refundedMinor", rs.getLong("refunded_minor")).put("feeMinor", rs.getLong("fee_minor"))
                .put("netMinor", rs.getLong("net_minor"));
        Instant at = instant(rs, "source_created_at");
        payment.put("createdAt", at == null ? null : at.toString());
        return payment;
    }

    private List<Merge> merges(long profileId) {
        return jdbc.query("""
                select id, rule, evidence, joined, merged_at, undone_at, undone_by from profile_merge
                 where profile_id = ? order by id""", (rs, n) -> new Merge(rs.getLong("id"), rs.getString("rule"),
                ProfileSearch.json(rs.getString("evidence")), ProfileSearch.json(rs.getString("joined")),
                instant(rs, "merged_at"), instant(rs, "undone_at"), rs.getString("undone_by")), profileId);
    }

    /** The stored totals with the recency score of today (stored scores would go stale). */
    private JsonNode withRecency(JsonNode totals) {
        JsonNode last = totals.get("lastOrderAt");
        if (totals.get("rfm") instanceof ObjectNode rfm && last != null && last.isTextual()) {
            ObjectNode scores = Json.MAPPER.createObjectNode()
                    .put("recency", Rfm.recency(Instant.parse(last.asText()), clock.instant(), rules.rfm()));
            scores.setAll(rfm);
            ((ObjectNode) totals).set("rfm", scores);
        }
        return totals;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /**
     * @param consents per channel, the statement in force (see identity.consent.Consents)
     * @param payments provider payments that name no stored order (those that do are listed with their order)
     */
    public record Profile(long id, String workspace, JsonNode golden, List<Identity> identities, List<Order> orders,
                          List<JsonNode> payments, JsonNode totals, JsonNode consents, List<Merge> merges,
                          Instant createdAt, Instant updatedAt) {
    }

    public record Identity(long id, String connection, String connector, String kind, String externalId, String email,
                           String phone, String name) {
    }

    /** @param identity the identity that placed the order */
    public record Order(String connection, String externalId, String orderNumber, Instant placedAt, String status,
                        String financialStatus, String currency, long totalMinor, long refundedMinor, long identity,
                        JsonNode payments) {
    }

    public record Merge(long id, String rule, JsonNode evidence, JsonNode joined, Instant mergedAt, Instant undoneAt,
                        String undoneBy) {
    }
}
