package io.mekong.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.identity.consent.ConsentView;
import io.mekong.identity.consent.Consents;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the subjects of outbox rows as they are now, many at once (one statement per topic and batch), as the data of
 * their events (docs/events.md). A subject that no longer exists is absent from the answer.
 */
@Component
class Snapshots {

    /** An order as the store holds it, in the canonical model's names, with the profile it belongs to now. */
    private static final String ORDERS = """
            select o.connection_id, o.external_id, jsonb_strip_nulls(jsonb_build_object(
              'connection', c.api_id, 'connector', c.connector, 'externalId', o.external_id,
              'profileId', (select i.profile_id from identity i where i.connection_id = o.connection_id
                              and ((i.kind in ('customer', 'buyer') and i.external_id = o.customer_external_id)
                                or (i.kind = 'guest' and o.customer_external_id is null and i.external_id = o.external_id))
                            limit 1),
              'orderNumber', o.order_number, 'customerExternalId', o.customer_external_id, 'email', o.email,
              'phone', o.phone, 'currency', o.currency, 'presentmentCurrency', o.presentment_currency,
              'subtotalMinor', o.subtotal_minor, 'discountMinor', o.discount_minor, 'shippingMinor', o.shipping_minor,
              'taxMinor', o.tax_minor, 'totalMinor', o.total_minor, 'refundedMinor', o.refunded_minor,
              'financialStatus', o.financial_status, 'fulfillmentStatus', o.fulfillment_status, 'status', o.status,
              'cancelledAt', o.cancelled_at, 'cancelReason', o.cancel_reason, 'placedAt', o.placed_at,
              'billingAddress', o.billing_address, 'shippingAddress', o.shipping_address, 'tags', to_jsonb(o.tags),
              'note', o.note, 'sourceChannel', o.source_channel, 'test', o.test,
              'lines', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                  'externalId', l.external_id, 'productExternalId', l.product_external_id,
                  'variantExternalId', l.variant_external_id, 'sku', l.sku, 'title', l.title,
                  'variantTitle', l.variant_title, 'quantity', l.quantity, 'currentQuantity', l.current_quantity,
                  'unitPriceMinor', l.unit_price_minor, 'discountMinor', l.discount_minor, 'currency', l.currency))
                  order by l.line_no) from order_line l where l.order_id = o.id), '[]'::jsonb),
              'payments', o.payments, 'refunds', o.refunds, 'attributes', o.attributes,
              'createdAt', o.source_created_at, 'updatedAt', o.source_updated_at, 'deleted', o.deleted))::text
            from sales_order o join connection c on c.id = o.connection_id
            where (o.connection_id, o.external_id) in (select * from unnest(?::text[], ?::text[]))""";

    private static final String PRODUCTS = """
            select p.connection_id, p.external_id, jsonb_strip_nulls(jsonb_build_object(
              'connection', c.api_id, 'connector', c.connector, 'externalId', p.external_id, 'title', p.title,
              'handle', p.handle, 'vendor', p.vendor, 'productType', p.product_type, 'status', p.status,
              'tags', to_jsonb(p.tags),
              'variants', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                  'externalId', v.external_id, 'sku', v.sku, 'title', v.title, 'barcode', v.barcode,
                  'priceMinor', v.price_minor, 'compareAtMinor', v.compare_at_minor, 'currency', v.currency,
                  'inventoryQuantity', v.inventory_quantity)) order by v.position)
                  from product_variant v where v.product_id = p.id), '[]'::jsonb),
              'attributes', p.attributes, 'createdAt', p.source_created_at, 'updatedAt', p.source_updated_at,
              'deleted', p.deleted))::text
            from product p join connection c on c.id = p.connection_id
            where (p.connection_id, p.external_id) in (select * from unnest(?::text[], ?::text[]))""";

    /**
     * A payment with what it captured, gave back and cost (the payment_totals view, which counts each payment once),
     * and the profile of its provider customer. A deleted payment is no longer in the view: it is published as
     * deleted from its own row.
     */
    private static final String PAYMENTS = """
            select p.connection_id, p.external_id, jsonb_strip_nulls(jsonb_build_object(
              'connection', c.api_id, 'connector', c.connector, 'externalId', p.external_id,
              'profileId', (select i.profile_id from identity i where i.connection_id = p.connection_id
                              and i.kind = 'customer' and i.external_id = p.customer_external_id),
              'status', p.status, 'currency', p.currency, 'amountMinor', p.amount_minor,
              'capturedMinor', p.captured_minor, 'refundedMinor', t.refunded_minor, 'feeMinor', t.fee_minor,
              'netMinor', t.net_minor, 'customerExternalId', p.customer_external_id,
              'orderReference', p.order_reference, 'paymentMethodType', p.payment_method_type,
              'test', p.test, 'createdAt', p.source_created_at, 'updatedAt', p.source_updated_at,
              'deleted', p.deleted))::text
            from (select connection_id, external_id, status, currency, amount_minor, captured_minor,
                         customer_external_id, order_reference, payment_method_type, test, source_created_at,
                         source_updated_at, deleted from payment
                  union all
                  select connection_id, external_id, status, currency, amount_minor, captured_minor,
                         customer_external_id, order_reference, payment_method_type, test, source_created_at,
                         source_updated_at, deleted from payment_charge where payment_external_id is null) p
            join connection c on c.id = p.connection_id
            left join payment_totals t on t.connection_id = p.connection_id and t.external_id = p.external_id
            where (p.connection_id, p.external_id) in (select * from unnest(?::text[], ?::text[]))""";

    /** A checkout found abandoned, with its lines and the profile of its buyer. */
    private static final String CHECKOUTS = """
            select k.connection_id, k.external_id, jsonb_strip_nulls(jsonb_build_object(
              'connection', c.api_id, 'connector', c.connector, 'externalId', k.external_id,
              'profileId', (select i.profile_id from identity i where i.connection_id = k.connection_id
                              and i.kind = 'customer' and i.external_id = k.customer_external_id),
              'customerExternalId', k.customer_external_id, 'email', k.email, 'phone', k.phone,
              'currency', k.currency, 'subtotalMinor', k.subtotal_minor, 'totalMinor', k.total_minor,
              'recoveryUrl', k.recovery_url, 'abandonedAt', k.abandoned_at, 'completedAt', k.completed_at,
              'lines', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                  'title', l.title, 'sku', l.sku, 'productExternalId', l.product_external_id,
                  'variantExternalId', l.variant_external_id, 'quantity', l.quantity,
                  'unitPriceMinor', l.unit_price_minor, 'currency', l.currency)) order by l.line_no)
                  from checkout_line l where l.checkout_id = k.id), '[]'::jsonb),
              'attributes', k.attributes, 'createdAt', k.source_created_at, 'updatedAt', k.source_updated_at,
              'deleted', k.deleted))::text
            from checkout k join connection c on c.id = k.connection_id
            where (k.connection_id, k.external_id) in (select * from unnest(?::text[], ?::text[]))""";

    private static final String PROFILES = """
            select p.id, p.golden::text, p.totals::text, p.created_at, p.updated_at,
                   coalesce((select jsonb_agg(jsonb_build_object('connection', c.api_id, 'connector', c.connector,
                       'kind', i.kind, 'externalId', i.external_id) order by i.id)
                     from identity i join connection c on c.id = i.connection_id where i.profile_id = p.id),
                     '[]'::jsonb)::text as identities
              from profile p where p.id = any(?)""";

    private final JdbcTemplate jdbc;
    private final Consents consents;

    Snapshots(JdbcTemplate jdbc, Consents consents) {
        this.jdbc = jdbc;
        this.consents = consents;
    }

    /** The data of each subject of one topic that still exists; erasures are never read (their rows carry them). */
    Map<Subject, JsonNode> read(Topic topic, Collection<Subject> subjects) {
        return switch (topic) {
            case PROFILES -> profiles(subjects);
            case ORDERS -> records(ORDERS, subjects);
            case PRODUCTS -> records(PRODUCTS, subjects);
            case PAYMENTS -> records(PAYMENTS, subjects);
            case CHECKOUTS -> records(CHECKOUTS, subjects);
            case ERASURES -> Map.of();
        };
    }

    private Map<Subject, JsonNode> records(String sql, Collection<Subject> subjects) {
        Map<Subject, JsonNode> data = new HashMap<>();
        jdbc.query(sql, rs -> {
            data.put(new Subject(rs.getString(1), rs.getString(2)), parse(rs.getString(3)));
        }, subjects.stream().map(Subject::connectionId).toArray(String[]::new),
                subjects.stream().map(Subject::id).toArray(String[]::new));
        return data;
    }

    private Map<Subject, JsonNode> profiles(Collection<Subject> subjects) {
        List<Long> ids = subjects.stream().map(s -> Long.parseLong(s.id())).toList();
        Map<Long, Map<String, ConsentView>> consented = consents.forProfiles(ids);
        Map<Subject, JsonNode> data = new HashMap<>();
        jdbc.query(PROFILES, rs -> {
            long id = rs.getLong("id");
            ObjectNode profile = Events.JSON.createObjectNode().put("profileId", id);
            ObjectNode golden = (ObjectNode) parse(rs.getString("golden"));
            golden.remove("sources");
            profile.setAll(golden);
            ObjectNode channels = profile.putObject("consents");
            consented.getOrDefault(id, Map.of()).forEach((channel, view) -> channels.putObject(channel)
                    .put("status", view.status())
                    .put("statedAt", view.statedAt() == null ? null : view.statedAt().toString())
                    .put("connector", view.source().connector()));
            profile.set("totals", parse(rs.getString("totals")));
            profile.set("identities", (ArrayNode) parse(rs.getString("identities")));
            profile.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
            profile.put("updatedAt", rs.getTimestamp("updated_at").toInstant().toString());
            data.put(new Subject(null, Long.toString(id)), profile);
        }, (Object) ids.toArray(Long[]::new));
        return data;
    }

    /**
     * For each removed profile whose people went to another (profile_successor), the live profile at the end of that
     * chain: a profile merged into one that was merged in turn names the last.
     */
    Map<Long, Long> survivors(Collection<Long> removed) {
        Map<Long, Long> survivors = new HashMap<>();
        if (removed.isEmpty()) {
            return survivors;
        }
        jdbc.query("""
                with recursive chain (start, id, depth) as (
                  select profile_id, successor_id, 1 from profile_successor where profile_id = any(?)
                  union all
                  select c.start, s.successor_id, c.depth + 1 from chain c join profile_successor s on s.profile_id = c.id
                   where c.depth < 100)
                select distinct on (c.start) c.start, c.id from chain c join profile p on p.id = c.id
                 order by c.start, c.depth desc""",
                rs -> {
                    survivors.put(rs.getLong(1), rs.getLong(2));
                }, (Object) removed.toArray(Long[]::new));
        return survivors;
    }

    private static JsonNode parse(String json) {
        try {
            return Events.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The store returned invalid JSON", e);
        }
    }
}
