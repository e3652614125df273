package io.mekong.sink.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mekong.bus.BusEvent;
import io.mekong.bus.ConsumedEvents;
import io.mekong.privacy.ErasureParts;
import io.mekong.config.Json;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a poll's events to the reporting schema (V22__reporting.sql, docs/bi.md) in one transaction, with a fixed
 * number of statements whatever the poll's size, and records their ids as consumed in that transaction. A row is
 * written only by an event newer (larger sequence) than the one that wrote it; a removed subject's rows are deleted and
 * its removal remembered, so that an older event of it read later is not applied.
 */
@Component
public class ReportingWriter {

    /** The consumer's name in consumed_event, and its Kafka consumer group's suffix. */
    public static final String CONSUMER = "reporting";

    private static final String EVENTS = "jsonb_to_recordset(?::jsonb) e(seq bigint, workspace text, subject text,"
            + " conn text, ext text, data jsonb)";

    private static final String NOT_REMOVED = """
            not exists (select 1 from reporting.removed_subject r
                         where r.kind = '%s' and r.subject = e.subject and r.sequence >= e.seq)""";

    private static final String CURRENCIES = """
            insert into reporting.dim_currency (code, minor_digits) select * from unnest(?::text[], ?::int[])
            on conflict (code) do update set minor_digits = excluded.minor_digits""";

    private static final String DATES = """
            select reporting.ensure_dates(min(d), max(d)) from unnest(?::date[]) d
             where not exists (select 1 from reporting.dim_date x where x.day = d) having count(*) > 0""";

    /** A channel's name is the connection's, read from the hub's own table while the connection exists. */
    private static final String CHANNELS = """
            insert into reporting.dim_channel (connection_id, workspace_id, api_id, connector, name, sequence)
            select distinct on (e.conn) e.conn, e.workspace, e.data ->> 'connection', coalesce(e.data ->> 'connector', c.connector),
                   coalesce(c.name, e.data ->> 'connection'), e.seq
              from %s left join public.connection c on c.id = e.conn
             order by e.conn, e.seq desc
            on conflict (connection_id) do update set api_id = excluded.api_id, connector = excluded.connector,
               name = excluded.name, sequence = excluded.sequence
             where reporting.dim_channel.sequence < excluded.sequence""".formatted(EVENTS);

    private static final String REMEMBER_REMOVED = """
            insert into reporting.removed_subject (kind, subject, sequence) select ?, * from unnest(?::text[], ?::bigint[])
            on conflict (kind, subject) do update set sequence = greatest(reporting.removed_subject.sequence, excluded.sequence)""";

    /** A record's subject is {@code <connection>/<external id>}; a profile's, its id. */
    private static final String DELETE_RECORDS = """
            with u (s, q) as (select * from unnest(?::text[], ?::bigint[]))%s
            delete from reporting.%s f using u
             where f.connection_id = split_part(u.s, '/', 1) and f.external_id = substr(u.s, strpos(u.s, '/') + 1)
               and f.sequence < u.q""";

    private static final Map<String, String> DELETE_REMOVED = Map.of(
            "order", DELETE_RECORDS.formatted("""
                    , lines as (delete from reporting.fact_order_line l using u
                                 where l.connection_id = split_part(u.s, '/', 1)
                                   and l.order_external_id = substr(u.s, strpos(u.s, '/') + 1) and l.sequence < u.q)""",
                    "fact_order"),
            "payment", DELETE_RECORDS.formatted("", "fact_payment"),
            "product", DELETE_RECORDS.formatted("", "dim_product"),
            "profile", """
                    with gone as (delete from reporting.dim_customer f using unnest(?::text[], ?::bigint[]) u(s, q)
                                   where f.profile_id = u.s::bigint and f.sequence < u.q returning u.s, u.q)
                    delete from reporting.customer_identity i using gone
                     where i.profile_id = gone.s::bigint and i.sequence < gone.q""");

    private static final String PROFILES = """
            insert into reporting.dim_customer (profile_id, workspace_id, email, phone, first_name, last_name, full_name,
                   city, country_code, first_order_at, last_order_at, cohort_month, sequence)
            select d."profileId", e.workspace, d.email, d.phone, d."firstName", d."lastName", d."fullName",
                   d.address ->> 'city', d.address ->> 'countryCode', (d.totals ->> 'firstOrderAt')::timestamptz,
                   (d.totals ->> 'lastOrderAt')::timestamptz,
                   date_trunc('month', (d.totals ->> 'firstOrderAt')::timestamptz at time zone 'UTC')::date, e.seq
              from %s
             cross join lateral jsonb_to_record(e.data) d("profileId" bigint, email text, phone text, "firstName" text,
                   "lastName" text, "fullName" text, address jsonb, totals jsonb)
             where %s
            on conflict (profile_id) do update set workspace_id = excluded.workspace_id,
               -- an erased person's personal columns stay empty whatever a later event says
               email = case when reporting.dim_customer.erased_at is null then excluded.email end,
               phone = case when reporting.dim_customer.erased_at is null then excluded.phone end,
               first_name = case when reporting.dim_customer.erased_at is null then excluded.first_name end,
               last_name = case when reporting.dim_customer.erased_at is null then excluded.last_name end,
               full_name = case when reporting.dim_customer.erased_at is null then excluded.full_name end,
               city = case when reporting.dim_customer.erased_at is null then excluded.city end,
               country_code = excluded.country_code, first_order_at = excluded.first_order_at,
               last_order_at = excluded.last_order_at, cohort_month = excluded.cohort_month, sequence = excluded.sequence
             where reporting.dim_customer.sequence < excluded.sequence""".formatted(EVENTS, NOT_REMOVED.formatted("profile"));

    /** The identities a profile holds, by the global id of their connection (events name its API id). */
    private static final String IDENTITIES = """
            insert into reporting.customer_identity (connection_id, kind, external_id, profile_id, sequence)
            select distinct on (c.id, i.kind, i."externalId") c.id, i.kind, i."externalId",
                   (e.data ->> 'profileId')::bigint, e.seq
              from %s
             cross join lateral jsonb_to_recordset(e.data -> 'identities') i(connection text, kind text, "externalId" text)
              join public.connection c on c.workspace_id = e.workspace and c.api_id = i.connection
             where %s
             order by c.id, i.kind, i."externalId", e.seq desc
            on conflict (connection_id, kind, external_id) do update set profile_id = excluded.profile_id,
               sequence = excluded.sequence
             where reporting.customer_identity.sequence < excluded.sequence""".formatted(EVENTS, NOT_REMOVED.formatted("profile"));

    private static final String PRODUCTS = """
            insert into reporting.dim_product (connection_id, external_id, workspace_id, title, vendor, product_type,
                   status, deleted, sequence)
            select e.conn, e.ext, e.workspace, d.title, d.vendor, d."productType", d.status, coalesce(d.deleted, false), e.seq
              from %s
             cross join lateral jsonb_to_record(e.data) d(title text, vendor text, "productType" text, status text,
                   deleted boolean)
             where %s
            on conflict (connection_id, external_id) do update set title = excluded.title, vendor = excluded.vendor,
               product_type = excluded.product_type, status = excluded.status, deleted = excluded.deleted,
               sequence = excluded.sequence
             where reporting.dim_product.sequence < excluded.sequence""".formatted(EVENTS, NOT_REMOVED.formatted("product"));

    /**
     * net_revenue_minor: the hub's revenue rule (docs/identity.md, "What is revenue"), as ProfileTotals applies it; a
     * cancelled order with no payment status earns nothing (SQL's unknown, which ProfileTotals' filter reads as false).
     */
    private static final String ORDERS = """
            insert into reporting.fact_order (connection_id, external_id, workspace_id, order_number, customer_id,
                   customer_external_id, date_key, placed_at, status, financial_status, fulfillment_status,
                   source_channel, currency, total_minor, subtotal_minor, discount_minor, shipping_minor, tax_minor,
                   refunded_minor, purchase, net_revenue_minor, cancelled, test, deleted, ship_city, ship_country, sequence)
            select e.conn, e.ext, e.workspace, d."orderNumber",
                   case when not exists (select 1 from reporting.removed_subject r
                                          where r.kind = 'profile' and r.subject = d."profileId"::text)
                        then d."profileId" end,
                   d."customerExternalId", to_char(d."placedAt" at time zone 'UTC', 'YYYYMMDD')::int, d."placedAt",
                   d.status, d."financialStatus", d."fulfillmentStatus", d."sourceChannel", d.currency, d."totalMinor",
                   d."subtotalMinor", d."discountMinor", d."shippingMinor", d."taxMinor", coalesce(d."refundedMinor", 0),
                   rule.earns, case when rule.earns then greatest(d."totalMinor" - coalesce(d."refundedMinor", 0), 0) else 0 end,
                   d.status = 'cancelled', coalesce(d.test, false), coalesce(d.deleted, false),
                   d."shippingAddress" ->> 'city', d."shippingAddress" ->> 'countryCode', e.seq
              from %s
             cross join lateral jsonb_to_record(e.data) d("orderNumber" text, "profileId" bigint, "customerExternalId" text,
                   "placedAt" timestamptz, status text, "financialStatus" text, "fulfillmentStatus" text,
                   "sourceChannel" text, currency text, "totalMinor" bigint, "subtotalMinor" bigint, "discountMinor" bigint,
                   "shippingMinor" bigint, "taxMinor" bigint, "refundedMinor" bigint, test boolean, deleted boolean,
                   "shippingAddress" jsonb)
             cross join lateral (select coalesce(d."financialStatus" is distinct from 'voided'
                   and d."financialStatus" is distinct from 'refunded'
                   and (d.status <> 'cancelled' or d."financialStatus" in ('paid', 'partially_refunded')), false) as earns) rule
             where %s
            on conflict (connection_id, external_id) do update set workspace_id = excluded.workspace_id,
               order_number = excluded.order_number, customer_id = excluded.customer_id,
               customer_external_id = excluded.customer_external_id, date_key = excluded.date_key,
               placed_at = excluded.placed_at, status = excluded.status, financial_status = excluded.financial_status,
               fulfillment_status = excluded.fulfillment_status, source_channel = excluded.source_channel,
               currency = excluded.currency, total_minor = excluded.total_minor, subtotal_minor = excluded.subtotal_minor,
               discount_minor = excluded.discount_minor, shipping_minor = excluded.shipping_minor,
               tax_minor = excluded.tax_minor, refunded_minor = excluded.refunded_minor,
               purchase = excluded.purchase, net_revenue_minor = excluded.net_revenue_minor, cancelled = excluded.cancelled, test = excluded.test,
               deleted = excluded.deleted, ship_city = excluded.ship_city, ship_country = excluded.ship_country,
               sequence = excluded.sequence
             where reporting.fact_order.sequence < excluded.sequence""".formatted(EVENTS, NOT_REMOVED.formatted("order"));

    /** Lines written by an older event of an order than the one its row now holds are replaced by the newer's. */
    private static final String STALE_LINES = """
            delete from reporting.fact_order_line l using reporting.fact_order f, %s
             where f.connection_id = e.conn and f.external_id = e.ext and l.connection_id = f.connection_id
               and l.order_external_id = f.external_id and l.sequence <> f.sequence""".formatted(EVENTS);

    private static final String LINES = """
            insert into reporting.fact_order_line (connection_id, order_external_id, line_no, external_id,
                   product_external_id, variant_external_id, sku, title, quantity, unit_price_minor, discount_minor,
                   net_minor, currency, sequence)
            select e.conn, e.ext, l.n, l.line ->> 'externalId', l.line ->> 'productExternalId',
                   l.line ->> 'variantExternalId', l.line ->> 'sku', l.line ->> 'title', (l.line ->> 'quantity')::int,
                   (l.line ->> 'unitPriceMinor')::bigint, coalesce((l.line ->> 'discountMinor')::bigint, 0),
                   (l.line ->> 'quantity')::int * (l.line ->> 'unitPriceMinor')::bigint
                     - coalesce((l.line ->> 'discountMinor')::bigint, 0),
                   coalesce(l.line ->> 'currency', f.currency), e.seq
              from %s
              join reporting.fact_order f on f.connection_id = e.conn and f.external_id = e.ext and f.sequence = e.seq
             cross join lateral jsonb_array_elements(coalesce(e.data -> 'lines', '[]')) with ordinality l(line, n)
            on conflict do nothing""".formatted(EVENTS);

    private static final String PAYMENTS = """
            insert into reporting.fact_payment (connection_id, external_id, workspace_id, customer_id,
                   customer_external_id, order_reference, date_key, created_at, status, payment_method_type, currency,
                   amount_minor, captured_minor, refunded_minor, fee_minor, net_minor, test, deleted, sequence)
            select e.conn, e.ext, e.workspace,
                   case when not exists (select 1 from reporting.removed_subject r
                                          where r.kind = 'profile' and r.subject = d."profileId"::text)
                        then d."profileId" end,
                   d."customerExternalId", d."orderReference",
                   to_char(d."createdAt" at time zone 'UTC', 'YYYYMMDD')::int, d."createdAt", d.status,
                   d."paymentMethodType", d.currency, d."amountMinor", d."capturedMinor", d."refundedMinor",
                   d."feeMinor", d."netMinor", coalesce(d.test, false), coalesce(d.deleted, false), e.seq
              from %s
             cross join lateral jsonb_to_record(e.data) d("profileId" bigint, "customerExternalId" text,
                   "orderReference" text, "createdAt" timestamptz, status text, "paymentMethodType" text, currency text,
                   "amountMinor" bigint, "capturedMinor" bigint, "refundedMinor" bigint, "feeMinor" bigint,
                   "netMinor" bigint, test boolean, deleted boolean)
             where %s
            on conflict (connection_id, external_id) do update set workspace_id = excluded.workspace_id,
               customer_id = excluded.customer_id, customer_external_id = excluded.customer_external_id,
               order_reference = excluded.order_reference, date_key = excluded.date_key,
               created_at = excluded.created_at, status = excluded.status,
               payment_method_type = excluded.payment_method_type, currency = excluded.currency,
               amount_minor = excluded.amount_minor, captured_minor = excluded.captured_minor,
               refunded_minor = excluded.refunded_minor, fee_minor = excluded.fee_minor, net_minor = excluded.net_minor,
               test = excluded.test, deleted = excluded.deleted, sequence = excluded.sequence
             where reporting.fact_payment.sequence < excluded.sequence""".formatted(EVENTS, NOT_REMOVED.formatted("payment"));

    /**
     * Orders follow their customer's identity to the profile that holds it now: a profile merged away leaves its
     * orders to the one it merged into. Only the batch's orders and the orders of the batch's profiles are looked at.
     */
    private static final String ORDER_CUSTOMERS = """
            with batch as (
              select e.conn as connection_id, e.ext as external_id from %s
              union
              select f.connection_id, f.external_id from reporting.customer_identity i
                join reporting.fact_order f on f.connection_id = i.connection_id and f.customer_external_id = i.external_id
               where i.profile_id = any(?) and i.kind in ('customer', 'buyer')
              union
              select f.connection_id, f.external_id from reporting.customer_identity i
                join reporting.fact_order f on f.connection_id = i.connection_id and f.external_id = i.external_id
               where i.profile_id = any(?) and i.kind = 'guest' and f.customer_external_id is null
            )
            update reporting.fact_order f set customer_id = i.profile_id
              from batch b, reporting.customer_identity i
             where f.connection_id = b.connection_id and f.external_id = b.external_id
               and i.connection_id = f.connection_id
               and ((i.kind in ('customer', 'buyer') and i.external_id = f.customer_external_id)
                 or (i.kind = 'guest' and f.customer_external_id is null and i.external_id = f.external_id))
               and f.customer_id is distinct from i.profile_id""".formatted(EVENTS);

    private static final String PAYMENT_CUSTOMERS = """
            update reporting.fact_payment f set customer_id = i.profile_id
              from reporting.customer_identity i
             where i.connection_id = f.connection_id and i.kind = 'customer' and i.external_id = f.customer_external_id
               and (i.profile_id = any(?) or (f.connection_id, f.external_id) in (select e.conn, e.ext from %s))
               and f.customer_id is distinct from i.profile_id""".formatted(EVENTS);

    /** What still names a profile removed (and not re-pointed to another): no fact points at a missing customer. */
    private static final String ORPHANS = """
            with gone as (select unnest(?::bigint[]) as id),
                 orders as (update reporting.fact_order f set customer_id = null from gone where f.customer_id = gone.id)
            update reporting.fact_payment f set customer_id = null from gone where f.customer_id = gone.id""";

    private static final String ERASED_CUSTOMERS = """
            insert into reporting.dim_customer (profile_id, workspace_id, erased_at, sequence)
            select distinct on (u.p) u.p, u.w, now(), u.q from unnest(?::bigint[], ?::text[], ?::bigint[]) u(p, w, q)
             where not exists (select 1 from reporting.removed_subject r
                                where r.kind = 'profile' and r.subject = u.p::text and r.sequence >= u.q)
             order by u.p, u.q desc
            on conflict (profile_id) do update set email = null, phone = null, first_name = null, last_name = null,
               full_name = null, city = null, erased_at = coalesce(reporting.dim_customer.erased_at, now()),
               sequence = greatest(reporting.dim_customer.sequence, excluded.sequence)""";

    /** The personal columns of the erased person's orders: those of the profile, and the order records erased. */
    private static final String ERASED_ORDERS = """
            update reporting.fact_order f set ship_city = null
             where f.ship_city is not null
               and (f.customer_id = any(?)
                 or (f.connection_id, f.external_id) in (select r ->> 'connection', r ->> 'externalId'
                       from jsonb_array_elements(?::jsonb) r where r ->> 'entity' = 'order'))""";

    private static final String ERASURES_DONE = """
            update erasure_request set parts = jsonb_set(parts, '{reporting}', '"completed"') where id = any(?)""";

    private final JdbcTemplate jdbc;
    private final ConsumedEvents consumed;

    private final ErasureParts parts;

    public ReportingWriter(JdbcTemplate jdbc, ConsumedEvents consumed, ErasureParts parts) {
        this.jdbc = jdbc;
        this.consumed = consumed;
        this.parts = parts;
    }

    @Transactional
    public void apply(List<BusEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        ReportingBatch batch = new ReportingBatch(events);
        Map<String, Integer> currencies = batch.currencies();
        if (!currencies.isEmpty()) {
            jdbc.update(CURRENCIES, currencies.keySet().toArray(String[]::new),
                    currencies.values().toArray(Integer[]::new));
        }
        List<LocalDate> days = batch.days();
        if (!days.isEmpty()) {
            jdbc.query(DATES, rs -> { }, (Object) days.stream().map(Date::valueOf).toArray(Date[]::new));
        }
        String records = batch.records();
        if (!records.equals("[]")) {
            jdbc.update(CHANNELS, records);
        }
        for (String kind : ReportingBatch.KINDS) {
            List<BusEvent> removed = batch.removed(kind);
            if (!removed.isEmpty()) {
                String[] subjects = removed.stream().map(BusEvent::subject).toArray(String[]::new);
                Long[] sequences = removed.stream().map(BusEvent::sequence).toArray(Long[]::new);
                jdbc.update(REMEMBER_REMOVED, kind, subjects, sequences);
                jdbc.update(DELETE_REMOVED.get(kind), subjects, sequences);
            }
        }
        String profiles = batch.present("profile");
        String orders = batch.present("order");
        String payments = batch.present("payment");
        jdbc.update(PROFILES, profiles);
        jdbc.update(IDENTITIES, profiles);
        jdbc.update(PRODUCTS, batch.present("product"));
        jdbc.update(ORDERS, orders);
        jdbc.update(STALE_LINES, orders);
        jdbc.update(LINES, orders);
        jdbc.update(PAYMENTS, payments);
        Long[] profileIds = events.stream().filter(e -> e.kind().equals("profile"))
                .map(e -> Long.parseLong(e.subject())).distinct().toArray(Long[]::new);
        jdbc.update(ORDER_CUSTOMERS, orders, profileIds, profileIds);
        jdbc.update(PAYMENT_CUSTOMERS, profileIds, payments);
        Long[] removedProfiles = batch.removed("profile").stream().map(e -> Long.parseLong(e.subject()))
                .toArray(Long[]::new);
        if (removedProfiles.length > 0) {
            jdbc.update(ORPHANS, (Object) removedProfiles);
        }
        erase(batch.erasures());
        consumed.record(CONSUMER, events.stream().map(BusEvent::id).toList());
    }

    /** Anonymises the erased people's rows and marks each erasure's reporting part done. */
    private void erase(List<BusEvent> erasures) {
        if (erasures.isEmpty()) {
            return;
        }
        List<BusEvent> ofProfiles = erasures.stream().filter(e -> e.data().hasNonNull("profile")).toList();
        Long[] profiles = ofProfiles.stream().map(e -> e.data().get("profile").asLong()).toArray(Long[]::new);
        jdbc.update(ERASED_CUSTOMERS, profiles, ofProfiles.stream().map(BusEvent::workspace).toArray(String[]::new),
                ofProfiles.stream().map(BusEvent::sequence).toArray(Long[]::new));
        ArrayNode records = Json.MAPPER.createArrayNode();
        erasures.stream().map(e -> e.data().path("records")).filter(JsonNode::isArray).map(ArrayNode.class::cast)
                .forEach(records::addAll);
        jdbc.update(ERASED_ORDERS, profiles, records.toString());
        List<Long> ids = erasures.stream().map(e -> e.data().get("erasure").asLong()).toList();
        jdbc.update(ERASURES_DONE, (Object) ids.toArray(Long[]::new));
        parts.settle(ids);
    }
}
