package io.mekong.identity;

import static io.mekong.store.BatchUpsert.Kind.BIGINT;
import static io.mekong.store.BatchUpsert.Kind.TEXT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.store.BatchUpsert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The identities of stored records and their keys, kept in step with the canonical tables, set-based: a page costs a
 * handful of statements whatever its size. A customer record is a {@code customer} identity; orders whose customer
 * reference has no customer record are one {@code buyer} identity per reference; an order without one is a
 * {@code guest}. An identity's keys come from its customer record and from all its orders; a deleted record gives none.
 */
final class IdentityIndex {

    static final BatchUpsert KEYS = BatchUpsert.into("identity_key")
            .column("identity_id", BIGINT).column("workspace_id", TEXT).column("kind", TEXT).column("value", TEXT)
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The identities a change touched, the profiles of identities it removed, and for each such profile the identity
     * that took the removed one's place (a buyer's customer, a guest order's customer or buyer).
     */
    record Touched(Set<Long> identities, Set<Long> profiles, Map<Long, Long> heirs) {

        static final Touched NONE = new Touched(Set.of(), Set.of(), Map.of());

        /** The profiles and heirs of identities removed by a statement returning (profile_id, heir identity). */
        static Touched removed(Set<Long> identities, List<Long[]> removed) {
            Set<Long> profiles = new HashSet<>();
            Map<Long, Long> heirs = new HashMap<>();
            for (Long[] row : removed) {
                if (row[0] != null) {
                    profiles.add(row[0]);
                    heirs.putIfAbsent(row[0], row[1]);
                }
            }
            return new Touched(identities, profiles, heirs);
        }
    }

    /** Which records: {@code filter} is a condition on the record table, aliased {@code r}. */
    private record Scope(String filter, Object[] params) {
    }

    private final JdbcTemplate jdbc;
    private final IdentityRules rules;
    private final Keys keys;

    IdentityIndex(JdbcTemplate jdbc, IdentityRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.keys = new Keys(rules);
    }

    /** After records of one connection were stored: their identities, created or updated, with fresh keys. */
    Touched records(String workspaceId, String connectionId, String entity, Collection<String> externalIds) {
        Scope scope = new Scope("r.connection_id = ? and r.external_id = any(?)",
                new Object[] {connectionId, externalIds.toArray(String[]::new)});
        return switch (entity) {
            case "customer" -> refresh(workspaceId, customers(scope));
            case "order" -> refresh(workspaceId, orders(scope));
            default -> Touched.NONE;
        };
    }

    /** Every identity of a workspace from its customers and orders (the rebuild, and a first start on old data). */
    Touched workspace(String workspaceId) {
        Scope scope = new Scope("r.workspace_id = ?", new Object[] {workspaceId});
        Touched customers = customers(scope);
        Touched orders = orders(scope);
        Set<Long> all = new HashSet<>(jdbc.queryForList("select id from identity where workspace_id = ?", Long.class, workspaceId));
        Set<Long> profiles = new HashSet<>(customers.profiles());
        profiles.addAll(orders.profiles());
        Map<Long, Long> heirs = new HashMap<>(customers.heirs());
        orders.heirs().forEach(heirs::putIfAbsent);
        return refresh(workspaceId, new Touched(all, profiles, heirs));
    }

    private Touched customers(Scope scope) {
        Set<Long> ids = new HashSet<>(jdbc.queryForList("""
                insert into identity (workspace_id, connection_id, kind, external_id)
                select r.workspace_id, r.connection_id, 'customer', r.external_id from customer r where %s
                on conflict (connection_id, kind, external_id) do update set updated_at = now()
                returning id""".formatted(scope.filter()), Long.class, scope.params()));
        // orders stored before their customer were a buyer of that reference: they are the customer's now
        return Touched.removed(ids, jdbc.query("""
                delete from identity i using customer r, identity h
                 where i.kind = 'buyer' and i.connection_id = r.connection_id and i.external_id = r.external_id and %s
                   and h.connection_id = r.connection_id and h.kind = 'customer' and h.external_id = r.external_id
                returning i.profile_id, h.id""".formatted(scope.filter()), IdentityIndex::removedRow, scope.params()));
    }

    private Touched orders(Scope scope) {
        Set<Long> ids = new HashSet<>(jdbc.queryForList("""
                insert into identity (workspace_id, connection_id, kind, external_id)
                select distinct r.workspace_id, r.connection_id,
                       case when r.customer_external_id is null then 'guest'
                            when exists (select 1 from customer c where c.connection_id = r.connection_id
                                         and c.external_id = r.customer_external_id) then 'customer'
                            else 'buyer' end,
                       coalesce(r.customer_external_id, r.external_id)
                  from sales_order r where %s
                on conflict (connection_id, kind, external_id) do update set updated_at = now()
                returning id""".formatted(scope.filter()), Long.class, scope.params()));
        // an order that was a guest's and now names its customer
        return Touched.removed(ids, jdbc.query("""
                delete from identity i using sales_order r, identity h
                 where i.kind = 'guest' and i.connection_id = r.connection_id and i.external_id = r.external_id
                   and r.customer_external_id is not null and %s
                   and h.connection_id = r.connection_id and h.kind in ('customer', 'buyer')
                   and h.external_id = r.customer_external_id
                returning i.profile_id, h.id""".formatted(scope.filter()), IdentityIndex::removedRow, scope.params()));
    }

    private static Long[] removedRow(ResultSet rs, int n) throws SQLException {
        return new Long[] {rs.getObject(1, Long.class), rs.getLong(2)};
    }

    /** Recomputes the keys and names of the touched identities from their records. */
    private Touched refresh(String workspaceId, Touched touched) {
        if (touched.identities().isEmpty()) {
            return touched;
        }
        Long[] ids = touched.identities().toArray(Long[]::new);
        Set<String> kinds = rules.keyKinds();
        Map<Long, Material> material = new TreeMap<>();
        jdbc.query("""
                select i.id, i.kind, i.external_id, cn.connector, c.email, c.phone, c.first_name, c.last_name,
                       c.attributes::text, c.full_name
                  from identity i join connection cn on cn.id = i.connection_id
                  left join customer c on i.kind = 'customer' and c.connection_id = i.connection_id
                       and c.external_id = i.external_id and not c.deleted
                 where i.id = any(?)""", rs -> {
            Material m = material.computeIfAbsent(rs.getLong(1), id -> new Material());
            m.kind = rs.getString(2);
            m.externalId = rs.getString(3);
            m.connector = rs.getString(4);
            m.emails.add(rs.getString(5));
            m.phones.add(rs.getString(6));
            // a source that gives one name (Stripe) leaves first and last empty
            m.name = join(rs.getString(7), rs.getString(8));
            if (m.name == null) {
                m.name = rs.getString(10);
            }
            m.attributes = rs.getString(9);
        }, (Object) ids);
        // orders newest first, so that a buyer's or guest's name is the one on their latest order
        // two joins rather than one with OR, so that each uses its index on sales_order
        jdbc.query("""
                select i.id, o.email, o.phone,
                       coalesce(nullif(o.billing_address->>'name', ''), nullif(o.shipping_address->>'name', '')),
                       o.placed_at, o.id
                  from identity i join sales_order o on o.connection_id = i.connection_id
                   and o.customer_external_id = i.external_id and not o.deleted
                 where i.id = any(?) and i.kind in ('customer', 'buyer')
                union all
                select i.id, o.email, o.phone,
                       coalesce(nullif(o.billing_address->>'name', ''), nullif(o.shipping_address->>'name', '')),
                       o.placed_at, o.id
                  from identity i join sales_order o on o.connection_id = i.connection_id
                   and o.external_id = i.external_id and o.customer_external_id is null and not o.deleted
                 where i.id = any(?) and i.kind = 'guest'
                 order by 5 desc, 6 desc""", rs -> {
            Material m = material.get(rs.getLong(1));
            m.emails.add(rs.getString(2));
            m.phones.add(rs.getString(3));
            if (m.name == null) {
                m.name = rs.getString(4);
            }
        }, ids, ids);

        List<Object[]> keyRows = new ArrayList<>();
        List<Long> named = new ArrayList<>();
        List<String> names = new ArrayList<>();
        material.forEach((id, m) -> {
            String folded = Keys.name(m.name);
            named.add(id);
            names.add(folded);
            Set<List<String>> found = new HashSet<>();
            for (String[] key : keysOf(m, folded)) {
                if (key[1] != null && kinds.contains(key[0]) && found.add(List.of(key[0], key[1]))) {
                    keyRows.add(new Object[] {id, workspaceId, key[0], key[1]});
                }
            }
        });
        jdbc.update("delete from identity_key where identity_id = any(?)", (Object) ids);
        jdbc.execute((ConnectionCallback<Void>) c -> {
            KEYS.execute(c, keyRows);
            return null;
        });
        jdbc.update("""
                update identity i set name_folded = u.name from unnest(?::bigint[], ?::text[]) as u(id, name)
                 where i.id = u.id and i.name_folded is distinct from u.name""",
                named.toArray(Long[]::new), names.toArray(String[]::new));
        return touched;
    }

    private List<String[]> keysOf(Material m, String folded) {
        List<String[]> found = new ArrayList<>();
        m.emails.forEach(email -> found.add(new String[] {"email", keys.email(email)}));
        for (String phone : m.phones) {
            String key = keys.phone(phone);
            found.add(new String[] {"phone", key});
            found.add(new String[] {"phone_name", keys.phoneName(key, folded)});
        }
        for (IdentityRules.Rule rule : rules.enabledRules()) {
            for (IdentityRules.Link link : rule.links()) {
                if (link.to().equals(m.connector) && !m.kind.equals("guest")) {
                    found.add(new String[] {"link", keys.link(link.to(), m.externalId)});
                }
                if (link.from().equals(m.connector) && m.attributes != null) {
                    found.add(new String[] {"link", keys.link(link.to(), field(m.attributes, link.field()))});
                }
            }
        }
        return found;
    }

    /** The text at a dotted path of a customer's attributes, or null. */
    private static String field(String attributes, String path) {
        try {
            JsonNode node = JSON.readTree(attributes);
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String join(String first, String last) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? null : name;
    }

    /** What one identity's records say about the person. */
    private static final class Material {
        String kind;
        String externalId;
        String connector;
        String name;
        String attributes;
        final Set<String> emails = new LinkedHashSet<>();
        final Set<String> phones = new LinkedHashSet<>();
    }
}
