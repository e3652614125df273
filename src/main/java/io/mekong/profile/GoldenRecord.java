package io.mekong.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mekong.config.Json;
import java.sql.Array;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes {@code profile.golden} of some profiles in one statement: every source record of a profile offers its
 * values (customer records all their fields; orders of guests and marketplace buyers, who have no customer record,
 * their email, phone, billing name and address), masked values ({@code ****}) are no values, and each field keeps the
 * value its survivorship rule ranks first. {@code golden.sources} names, per field, the connection, connector and
 * identity the value came from and the rule that chose it.
 */
public class GoldenRecord {

    private static final String SQL = """
            with rules as (
              select * from jsonb_to_recordset(?::jsonb) as r(field text, rule text, priority text[])
            ),
            candidate as (
              select pc.profile_id, pc.identity_id, c.connection_id, f.field, f.value,
                     c.source_updated_at as seen_at, coalesce(c.source_created_at, c.created_at) as first_seen
                from profile_customer pc
                join customer c on c.id = pc.customer_id and not c.deleted
               cross join lateral (values
                     ('email', to_jsonb(c.email_normalized)),
                     ('phone', to_jsonb(c.phone)),
                     ('firstName', to_jsonb(nullif(btrim(c.first_name), ''))),
                     ('lastName', to_jsonb(nullif(btrim(c.last_name), ''))),
                     -- the source's one whole name (Stripe), else composed from the record's own first and last name
                     ('fullName', to_jsonb(coalesce(nullif(btrim(c.full_name), ''),
                         nullif(btrim(concat_ws(' ', btrim(c.first_name), btrim(c.last_name))), '')))),
                     ('locale', to_jsonb(c.locale)),
                     ('address', c.default_address),
                     ('tags', case when cardinality(c.tags) > 0 then to_jsonb(c.tags) end)) as f(field, value)
               where pc.profile_id = any(?)
              union all
              select po.profile_id, po.identity_id, o.connection_id, f.field, f.value, o.source_updated_at, o.placed_at
                from profile_order po
                join identity i on i.id = po.identity_id and i.kind <> 'customer'
                join sales_order o on o.id = po.order_id and not o.deleted
               cross join lateral (values
                     ('email', to_jsonb(o.email_normalized)),
                     ('phone', to_jsonb(o.phone)),
                     ('fullName', to_jsonb(nullif(btrim(o.billing_address ->> 'name'), ''))),
                     ('address', coalesce(o.billing_address, o.shipping_address))) as f(field, value)
               where po.profile_id = any(?)
            ),
            usable as (
              select c.*, conn.connector, conn.api_id,
                     count(*) over (partition by c.profile_id, c.field, c.value) as frequency
                from candidate c
                join connection conn on conn.id = c.connection_id
               where c.value is not null and jsonb_typeof(c.value) <> 'null' and strpos(c.value::text, '**') = 0
            ),
            ranked as (
              select u.*, r.rule, row_number() over (partition by u.profile_id, u.field order by
                       case when r.rule = 'source-priority' then coalesce(array_position(r.priority, u.api_id::text),
                            array_position(r.priority, u.connector::text), 2147483647) end,
                       case when r.rule = 'most-frequent' then u.frequency end desc nulls last,
                       case when r.rule = 'first-seen' then u.first_seen end,
                       u.seen_at desc, u.identity_id) as n
                from usable u
                join rules r on r.field = u.field
            ),
            golden as (
              select profile_id, jsonb_object_agg(field, value) || jsonb_build_object('sources', jsonb_object_agg(field,
                       jsonb_build_object('connection', api_id, 'connector', connector, 'identity', identity_id, 'rule', rule))) as golden
                from ranked where n = 1
               group by profile_id
            )
            update profile p set golden = coalesce(g.golden, '{}'::jsonb), updated_at = now()
              from profile t left join golden g on g.profile_id = t.id
             where p.id = t.id and t.id = any(?)
            """;

    private final JdbcTemplate jdbc;
    private final String rules;

    public GoldenRecord(JdbcTemplate jdbc, GoldenRules rules) {
        this.jdbc = jdbc;
        try {
            this.rules = Json.MAPPER.writeValueAsString(rules.fields().entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "rule", e.getValue().rule().id(), "priority", e.getValue().priority()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recomputes the golden record of these profiles; ids of profiles that no longer exist are passed over. */
    public void refresh(Collection<Long> profileIds) {
        if (profileIds.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            Array ids = connection.createArrayOf("bigint", profileIds.toArray());
            try (var statement = connection.prepareStatement(SQL)) {
                statement.setString(1, rules);
                statement.setArray(2, ids);
                statement.setArray(3, ids);
                statement.setArray(4, ids);
                return statement.executeUpdate();
            }
        });
    }
}
