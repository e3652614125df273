package io.mekong.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything held about a person, as one JSON document (GDPR access and portability; Shopify customers/data_request):
 * the profile, its identities with their keys, the source customers, the orders with their lines, the payments and
 * charges, the consents, the raw source payloads and the merge history. Rows are exported whole ({@code to_jsonb}), so a
 * column added later is exported without a change here; the records are the same {@link Subject} an erasure redacts.
 */
@Service
public class ProfileExport {

    private static final String RECORDS = " join subject_record s on s.entity = '%s'"
            + " and t.connection_id = s.connection_id and t.external_id = s.external_id";

    private final JdbcTemplate jdbc;

    ProfileExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The export of the profile (when given) and of {@code records}, read in one snapshot. */
    @Transactional
    public JsonNode export(String workspaceId, Long profileId, List<SourceRecordKey> records) {
        Subject subject = Subject.open(jdbc, workspaceId);
        if (profileId != null) {
            subject.profile(profileId);
        }
        subject.records(records).complete(List.of());
        String document = jdbc.queryForObject("""
                select jsonb_build_object(
                  'exportedAt', now(),
                  'workspace', ?::text,
                  'profile', (select to_jsonb(p) from profile p where p.id = ? and p.workspace_id = ?),
                  'identities', coalesce((select jsonb_agg(to_jsonb(t) || jsonb_build_object('keys',
                      coalesce((select jsonb_agg(jsonb_build_object('kind', k.kind, 'value', k.value) order by k.kind, k.value)
                                from identity_key k where k.identity_id = t.id), '[]')) order by t.id)
                    from identity t join subject_identity i on i.id = t.id), '[]'),
                  'customers', coalesce((select jsonb_agg(to_jsonb(t) order by t.id) from customer t""" + RECORDS.formatted("customer") + """
                    ), '[]'),
                  'orders', coalesce((select jsonb_agg(to_jsonb(t) || jsonb_build_object('lines',
                      coalesce((select jsonb_agg(to_jsonb(l) - 'order_id' order by l.line_no) from order_line l
                                where l.order_id = t.id), '[]')) order by t.placed_at, t.id)
                    from sales_order t""" + RECORDS.formatted("order") + """
                    ), '[]'),
                  'payments', coalesce((select jsonb_agg(to_jsonb(t) order by t.id) from payment t""" + RECORDS.formatted("payment") + """
                    ), '[]'),
                  'charges', coalesce((select jsonb_agg(to_jsonb(t) order by t.id) from payment_charge t""" + RECORDS.formatted("charge") + """
                    ), '[]'),
                  'consents', coalesce((select jsonb_agg(jsonb_build_object('connection', t.connection_id,
                      'customer', t.external_id, 'channel', k.channel, 'status', k.status, 'field', k.field,
                      'statedAt', k.stated_at, 'receivedAt', k.received_at, 'evidence', k.evidence) order by k.id)
                    from customer t join consent_statement k on k.customer_id = t.id""" + RECORDS.formatted("customer") + """
                    ), '[]'),
                  'sourceRecords', coalesce((select jsonb_agg(jsonb_build_object('connection', r.connection_id,
                      'entity', r.entity, 'externalId', r.external_id, 'landedAt', r.landed_at, 'payload', r.payload)
                      order by r.connection_id, r.entity, r.external_id)
                    from source_record r join subject_record s on s.connection_id = r.connection_id
                      and s.entity = r.entity and s.external_id = r.external_id), '[]'),
                  'merges', coalesce((select jsonb_agg(to_jsonb(m) order by m.id) from profile_merge m
                    where m.profile_id = ? and m.workspace_id = ?), '[]'),
                  'connections', coalesce((select jsonb_object_agg(c.id, jsonb_build_object('id', c.api_id,
                      'connector', c.connector, 'name', c.name))
                    from connection c where c.id in (select connection_id from subject_record)), '{}')
                )::text""", String.class, workspaceId, profileId, workspaceId, profileId, workspaceId);
        try {
            return Json.MAPPER.readTree(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the export is not JSON", e);
        }
    }
}
