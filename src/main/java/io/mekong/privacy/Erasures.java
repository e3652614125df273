package io.mekong.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import io.mekong.identity.IdentityResolution;
import io.mekong.identity.ProfileListener;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person: in one transaction, every record of the profile's identities (and any named directly) is redacted
 * as {@link Redactions} says, along with the dead letters and webhook deliveries that mention the person; the records
 * are remembered in {@code erased_record} so that a later sync of them is redacted again; an outbox row (topic
 * {@code erasures}, carrying the erasure's description) is written for the bus to tell every target; and the request is recorded with what it
 * erased, described by counts and SHA-256 hashes of the normalised keys only.
 */
@Service
public class Erasures {

    /**
     * The parts of an erasure done in its transaction; targets complete when every destination that receives erasures
     * has confirmed it (erasure_target, settled by {@link ErasureParts}).
     */
    private static final String PARTS = "{\"store\": \"completed\", \"rawLanding\": \"completed\","
            + " \"deadLetters\": \"completed\", \"inbox\": \"completed\", \"targets\": \"pending\","
            + " \"reporting\": \"pending\"}";

    private final JdbcTemplate jdbc;
    private final Redactions redactions;
    private final IdentityResolution resolution;
    private final ObjectProvider<ProfileListener> listeners;
    private final ErasureParts parts;

    Erasures(JdbcTemplate jdbc, Redactions redactions, IdentityResolution resolution,
             ObjectProvider<ProfileListener> listeners, ErasureParts parts) {
        this.jdbc = jdbc;
        this.parts = parts;
        this.redactions = redactions;
        this.resolution = resolution;
        this.listeners = listeners;
    }

    /**
     * Erases the person: the profile's records if {@code profileId} is given, plus {@code records}, plus free-text
     * mentions of {@code terms} (a request's own email or phone); joins the caller's transaction, if any.
     * @return the erasure request's id
     */
    @Transactional
    public long erase(String workspaceId, Long profileId, Collection<SourceRecordKey> records, List<String> terms,
                      String origin, String requestedBy) {
        Subject subject = Subject.open(jdbc, workspaceId);
        if (profileId != null) {
            subject.profile(profileId);
        }
        subject.records(records).complete(terms);
        long id = jdbc.queryForObject("""
                insert into erasure_request (workspace_id, profile_id, origin, subject, status, parts, requested_by)
                values (?, ?, ?, ?::jsonb, 'processing', ?::jsonb, ?) returning id""", Long.class,
                workspaceId, profileId, origin, described(), PARTS, requestedBy);
        jdbc.update("""
                insert into erased_record (connection_id, entity, external_id, workspace_id, erasure_id)
                select connection_id, entity, external_id, ?, ? from subject_record
                on conflict (connection_id, entity, external_id) do update set erasure_id = excluded.erasure_id""",
                workspaceId, id);
        redactions.apply();
        // identities, keys, profiles and the ledger are resolution's: written under its lock, taken after the records'
        // rows (as a store transaction takes them), so that a concurrent resolution neither deadlocks with this one nor
        // writes keys read from the records before they were redacted
        resolution.lock(workspaceId);
        redactions.applyResolved();
        jdbc.update("""
                insert into outbox (workspace_id, topic, subject, payload)
                select r.workspace_id, 'erasures', r.id::text, jsonb_build_object('erasure', r.id, 'profile', r.profile_id,
                  'keys', r.subject -> 'keys', 'records', coalesce((select jsonb_agg(jsonb_build_object('connection',
                    s.connection_id, 'entity', s.entity, 'externalId', s.external_id)) from subject_record s), '[]'))
                from erasure_request r where r.id = ?""", id);
        // the destinations that must confirm it: those receiving erasures now
        jdbc.update("""
                insert into erasure_target (erasure_id, destination_id)
                select ?, id from destination where workspace_id = ? and enabled and 'erasures' = any(deliver)""",
                id, workspaceId);
        parts.settle(List.of(id));
        if (profileId != null) {
            listeners.orderedStream().forEach(l -> l.profilesChanged(workspaceId, Set.of(profileId)));
        }
        return id;
    }

    /** Counts of what the subject holds and the SHA-256 of its normalised email and phone keys. */
    private String described() {
        return jdbc.queryForObject("""
                select jsonb_build_object(
                  'identities', (select count(*) from subject_identity),
                  'customers', (select count(*) from subject_record where entity = 'customer'),
                  'orders', (select count(*) from subject_record where entity = 'order'),
                  'payments', (select count(*) from subject_record where entity in ('payment', 'charge')),
                  'keys', jsonb_build_object(
                    'email', coalesce((select jsonb_agg(distinct encode(sha256(convert_to(v, 'UTF8')), 'hex')) from (
                        select k.value from identity_key k join subject_identity i on i.id = k.identity_id where k.kind = 'email'
                        union select c.email_normalized from customer c join subject_record s on s.entity = 'customer'
                          and c.connection_id = s.connection_id and c.external_id = s.external_id
                        union select o.email_normalized from sales_order o join subject_record s on s.entity = 'order'
                          and o.connection_id = s.connection_id and o.external_id = s.external_id) e(v) where v is not null), '[]'),
                    'phone', coalesce((select jsonb_agg(distinct encode(sha256(convert_to(k.value, 'UTF8')), 'hex'))
                        from identity_key k join subject_identity i on i.id = k.identity_id where k.kind = 'phone'), '[]')))::text""",
                String.class);
    }

    public Optional<ErasureRequest> find(long id) {
        return jdbc.query("""
                select r.*, coalesce((select jsonb_agg(jsonb_build_object('destination', d.api_id, 'connector', c.connector,
                    'status', t.status, 'detail', t.detail, 'confirmedAt', t.confirmed_at) order by d.api_id)
                  from erasure_target t join destination d on d.id = t.destination_id
                  join connection c on c.id = d.connection_id where t.erasure_id = r.id), '[]')::text as targets
                from erasure_request r where r.id = ?""", (rs, i) -> row(rs), id).stream().findFirst();
    }

    private static ErasureRequest row(ResultSet rs) throws SQLException {
        return new ErasureRequest(rs.getLong("id"), rs.getString("workspace_id"), (Long) rs.getObject("profile_id"),
                rs.getString("origin"), rs.getString("status"), json(rs.getString("parts")), json(rs.getString("targets")),
                json(rs.getString("subject")),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("erasure_request holds a value that is not JSON", e);
        }
    }
}
