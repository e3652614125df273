package io.mekong.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import io.mekong.identity.Names;
import io.mekong.mapping.MappingFunctions;
import io.mekong.store.Emails;
import java.util.ArrayList;
import java.util.List;
import io.mekong.identity.Keys;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds profiles by email, phone or name, in the form people type them: an email in any case, a phone in any form
 * ({@code 0912 345 678}, {@code +84912345678}, {@code (+84) 912345678}; read in the workspace's region when it has no
 * country code), a name or part of one without its diacritics ({@code dang} finds {@code Đặng}). A value matches a
 * profile when one of its identities has it as a key or one of its source records carries it. Criteria given together
 * must all match. Paged by profile id.
 */
public class ProfileSearch {

    public static final int MAX_PAGE = 200;

    private final JdbcTemplate jdbc;
    private final Keys keys;

    /** @param keys how identity keys are made: an email is looked up in the same form (Gmail rules included) */
    public ProfileSearch(JdbcTemplate jdbc, Keys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * @param workspaceId null: every workspace (admins)
     * @param after       the previous page's {@code next}, or null
     * @throws IllegalArgumentException naming a phone that is not one, or a limit out of range
     */
    public Page search(String workspaceId, String email, String phone, String q, Long after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + " (was " + limit + ")");
        }
        StringBuilder sql = new StringBuilder("""
                select p.id, p.golden, p.totals, (select count(*) from identity i where i.profile_id = p.id) as identities
                  from profile p where true""");
        List<Object> args = new ArrayList<>();
        if (workspaceId != null) {
            sql.append(" and p.workspace_id = ?");
            args.add(workspaceId);
        }
        String normalizedEmail = Emails.normalize(email);
        String emailKey = keys.email(email);
        if (normalizedEmail != null) {
            heldBy(sql, args, "email", emailKey == null ? normalizedEmail : emailKey, "email_normalized", normalizedEmail);
        }
        if (phone != null && !phone.isBlank()) {
            String e164 = e164(phone, workspaceId);
            heldBy(sql, args, "phone", e164, "phone", e164);
        }
        String folded = Names.fold(q);
        if (q != null && !q.isBlank()) {
            if (folded == null) {
                throw new InvalidCriterion("q", q, "q: '" + q + "' is not a name one can search by (masked)");
            }
            sql.append(" and p.id in (select i.profile_id from identity i where i.name_folded like ? escape '\\')");
            args.add("%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            sql.append(" and p.id > ?");
            args.add(after);
        }
        sql.append(" order by p.id limit ?");
        args.add(limit + 1);
        List<Found> found = new ArrayList<>(jdbc.query(sql.toString(), (rs, n) -> {
            JsonNode golden = json(rs.getString("golden"));
            JsonNode totals = json(rs.getString("totals"));
            return new Found(rs.getLong("id"), text(golden, "fullName"), text(golden, "email"), text(golden, "phone"),
                    rs.getInt("identities"), totals.path("orders").asInt(0), revenue(totals));
        }, args.toArray()));
        Long next = null;
        if (found.size() > limit) {
            found.remove(limit);
            next = found.get(limit - 1).id();
        }
        return new Page(found, next);
    }

    private String e164(String phone, String workspaceId) {
        String region = workspaceId == null ? null : jdbc.query("select phone_region from workspace where id = ?",
                (rs, n) -> rs.getString(1), workspaceId).stream().findFirst().orElse(null);
        try {
            return MappingFunctions.e164(phone, region);
        } catch (IllegalArgumentException e) {
            throw new InvalidCriterion("phone", phone, "phone: '" + phone + "' is not a phone number"
                    + (region == null ? "" : " (read in region " + region + ")"));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile holds invalid JSON", e);
        }
    }

    /** A search criterion that cannot find anyone as typed: which one, and what was typed. */
    public static final class InvalidCriterion extends IllegalArgumentException {

        private final String criterion;
        private final String value;

        InvalidCriterion(String criterion, String value, String message) {
            super(message);
            this.criterion = criterion;
            this.value = value;
        }

        /** {@code phone} or {@code q} */
        public String criterion() {
            return criterion;
        }

        public String value() {
            return value;
        }
    }

    /** @param next the id to pass as {@code after} for the next page; null on the last page */
    public record Page(List<Found> profiles, Long next) {
    }

    /**
     * @param orders  the orders of the profile, every channel, as its totals count them
     * @param revenue what they earned in the workspace's reporting currency (rates permitting; see the totals)
     */
    public record Found(long id, String name, String email, String phone, int identities, int orders, Revenue revenue) {
    }

    /** An amount in minor units of {@code currency} (ISO 4217). */
    public record Revenue(String currency, long amountMinor) {
    }

    private static Revenue revenue(JsonNode totals) {
        JsonNode revenue = totals.get("revenue");
        return revenue == null || !revenue.hasNonNull("currency") ? null
                : new Revenue(revenue.get("currency").asText(), revenue.path("amountMinor").asLong());
    }

    /**
     * Narrows the search to profiles holding a value: as an identity key of {@code kind}, or in the {@code column} of
     * one of their customer records or orders (a value that is no key, e.g. blocklisted, still finds its records).
     */
    private static void heldBy(StringBuilder sql, List<Object> args, String kind, String key, String column, String value) {
        sql.append(' ').append("""
                 and p.id in (select i.profile_id from identity_key k join identity i on i.id = k.identity_id
                               where k.kind = ? and k.value = ?
                              union select pc.profile_id from customer c join profile_customer pc on pc.customer_id = c.id
                               where c.%1$s = ?
                              union select po.profile_id from sales_order o join profile_order po on po.order_id = o.id
                               where o.%1$s = ?)""".formatted(column));
        args.addAll(List.of(kind, key, value, value));
    }
}
