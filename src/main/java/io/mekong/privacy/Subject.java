package io.mekong.privacy;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The person a privacy request is about, gathered into three temporary tables of the current transaction, which every
 * {@link Redactions redaction} and the {@link ProfileExport export} read: {@code subject_identity} (identity ids),
 * {@code subject_record} (source records: customers, orders, payments, charges and checkouts) and {@code subject_term} (the
 * person's emails, phones and names in every form stored, lower case, to find them in free text such as dead
 * letters). Gathering before anything is changed is what lets one erasure find a dead letter by an email that the
 * same erasure then removes from the customer row.
 */
final class Subject {

    /** Terms shorter than this are not searched for in free text: a short name would match strangers' rows. */
    static final int MIN_TERM = 5;

    private final JdbcTemplate jdbc;

    private Subject(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the (empty) tables for a subject of {@code workspaceId} (kept in {@code subject_workspace}: free text is
     * searched in that workspace only); they are dropped when the transaction ends. Call inside a transaction.
     */
    static Subject open(JdbcTemplate jdbc, String workspaceId) {
        jdbc.execute("""
                create temp table if not exists subject_workspace (id text primary key) on commit drop;
                create temp table if not exists subject_identity (id bigint primary key) on commit drop;
                create temp table if not exists subject_record (connection_id text, entity text, external_id text,
                  primary key (connection_id, entity, external_id)) on commit drop;
                create temp table if not exists subject_term (term text primary key) on commit drop;
                truncate subject_workspace, subject_identity, subject_record, subject_term""");
        jdbc.update("insert into subject_workspace values (?)", workspaceId);
        return new Subject(jdbc);
    }

    /** Every identity of the profile, and the records that belong to them (the V14 views say which). */
    Subject profile(long profileId) {
        jdbc.update("insert into subject_identity select id from identity where workspace_id = (select id from subject_workspace)"
                + " and profile_id = ? on conflict do nothing", profileId);
        jdbc.update("""
                insert into subject_record
                select c.connection_id, 'customer', c.external_id from profile_customer pc join customer c on c.id = pc.customer_id
                 where pc.profile_id = ?
                union
                select o.connection_id, 'order', o.external_id from profile_order po join sales_order o on o.id = po.order_id
                 where po.profile_id = ?
                on conflict do nothing""", profileId, profileId);
        return this;
    }

    /** Records named directly (a Shopify customers/redact names a customer and its orders). */
    Subject records(Collection<SourceRecordKey> keys) {
        jdbc.batchUpdate("insert into subject_record values (?, ?, ?) on conflict do nothing",
                keys.stream().map(k -> new Object[] {k.connectionId(), k.entity(), k.externalId()}).toList());
        return this;
    }

    /**
     * Completes the subject: the identities of records named directly; the payments, charges and checkouts of its customers (by
     * the source's customer reference) or of its emails, within the workspace; then the terms: every email, phone and
     * name the records and keys hold, plus {@code extraTerms} (what a request itself names, e.g. a redact webhook's
     * email and phone).
     */
    Subject complete(List<String> extraTerms) {
        // the identities of records named directly (a redact webhook may come before their profile is known)
        jdbc.update("""
                insert into subject_identity
                select i.id from identity i join subject_record s on i.connection_id = s.connection_id
                   and i.external_id = s.external_id
                   and ((s.entity = 'customer' and i.kind = 'customer') or (s.entity = 'order' and i.kind = 'guest'))
                on conflict do nothing""");
        jdbc.update("""
                with customers as (
                  select s.connection_id, s.external_id from subject_record s where s.entity = 'customer'
                ), emails as (
                  select c.email_normalized as email from customer c join subject_record s
                    on s.entity = 'customer' and c.connection_id = s.connection_id and c.external_id = s.external_id
                  union select o.email_normalized from sales_order o join subject_record s
                    on s.entity = 'order' and o.connection_id = s.connection_id and o.external_id = s.external_id
                  union select k.value from identity_key k join subject_identity i on i.id = k.identity_id where k.kind = 'email'
                )
                insert into subject_record
                select p.connection_id, 'payment', p.external_id from payment p
                 where p.workspace_id = (select id from subject_workspace) and ((p.connection_id, p.customer_external_id) in (select * from customers)
                    or p.email_normalized in (select email from emails))
                union
                select c.connection_id, 'charge', c.external_id from payment_charge c
                 where c.workspace_id = (select id from subject_workspace) and ((c.connection_id, c.customer_external_id) in (select * from customers)
                    or c.email_normalized in (select email from emails))
                union
                select k.connection_id, 'checkout', k.external_id from checkout k
                 where k.workspace_id = (select id from subject_workspace) and ((k.connection_id, k.customer_external_id) in (select * from customers)
                    or k.email_normalized in (select email from emails))
                on conflict do nothing""");
        jdbc.update("""
                insert into subject_term
                select distinct lower(trim(term)) from (
                  select unnest(array[c.email, c.email_normalized, c.phone, concat_ws(' ', c.first_name, c.last_name),
                                      concat_ws(' ', c.last_name, c.first_name), c.full_name,
                                      c.default_address ->> 'phone', c.default_address ->> 'name'])
                    from customer c join subject_record s
                      on s.entity = 'customer' and c.connection_id = s.connection_id and c.external_id = s.external_id
                  union all
                  select unnest(array[o.email, o.email_normalized, o.phone,
                                      o.billing_address ->> 'phone', o.shipping_address ->> 'phone',
                                      o.billing_address ->> 'name', o.shipping_address ->> 'name'])
                    from sales_order o join subject_record s
                      on s.entity = 'order' and o.connection_id = s.connection_id and o.external_id = s.external_id
                  union all
                  select unnest(array[p.email, p.email_normalized]) from payment p join subject_record s
                      on s.entity = 'payment' and p.connection_id = s.connection_id and p.external_id = s.external_id
                  union all
                  select unnest(array[c.email, c.email_normalized]) from payment_charge c join subject_record s
                      on s.entity = 'charge' and c.connection_id = s.connection_id and c.external_id = s.external_id
                  union all
                  select unnest(array[k.email, k.email_normalized, k.phone]) from checkout k join subject_record s
                      on s.entity = 'checkout' and k.connection_id = s.connection_id and k.external_id = s.external_id
                  union all
                  select k.value from identity_key k join subject_identity i on i.id = k.identity_id
                   where k.kind in ('email', 'phone')
                  union all
                  select unnest(?::text[])
                ) found(term)
                where length(trim(term)) >= ?
                on conflict do nothing""", extraTerms.toArray(String[]::new), MIN_TERM);
        return this;
    }
}
