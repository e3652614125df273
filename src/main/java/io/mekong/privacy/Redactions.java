package io.mekong.privacy;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an erasure redacts, one statement per table: the lists to extend when a table that holds personal data is
 * added ({@link #REGISTRY} for source records and what mentions them, {@link #RESOLVED} for what identity resolution
 * writes). Each statement reads the {@link Subject}'s temporary tables of the current transaction. What accounting needs
 * stays: amounts, currencies, dates, statuses, order numbers, line items (product, SKU, quantity, prices), the
 * customer reference that ties an order to its (now empty) customer, and every id.
 * A redacted raw payload keeps its content hash, so a later sync of the unchanged record is "unchanged" and does not
 * land it again; a changed one is redacted again by {@link ErasureSuppression}.
 */
@Component
class Redactions {

    /** Replaces a payload or body that held personal data. */
    static final String MARKER = "'{\"redacted\": true}'::jsonb";

    /** @param table the table the statement redacts (shown when it fails) */
    record Redaction(String table, String sql) {
    }

    private static final String RECORD = " from subject_record s where s.entity = '%s'"
            + " and t.connection_id = s.connection_id and t.external_id = s.external_id";
    /** Free text of the subject's workspace that mentions one of its terms. */
    private static final String TERMS = "(t.workspace_id = (select id from subject_workspace)"
            + " and exists (select 1 from subject_term x where strpos(lower(%s), x.term) > 0))";

    static final List<Redaction> REGISTRY = List.of(
            new Redaction("customer", "update customer t set email = null, email_normalized = null, phone = null,"
                    + " first_name = null, last_name = null, full_name = null, locale = null, tags = '{}', email_consent = null,"
                    + " sms_consent = null, default_address = null, note = null, attributes = '{}'"
                    + RECORD.formatted("customer")),
            new Redaction("sales_order", "update sales_order t set email = null, email_normalized = null, phone = null,"
                    + " billing_address = null, shipping_address = null, note = null, attributes = '{}'"
                    + RECORD.formatted("order")),
            new Redaction("payment", "update payment t set email = null, email_normalized = null, description = null,"
                    + " metadata = '{}', card_last4 = null" + RECORD.formatted("payment")),
            new Redaction("payment_charge", "update payment_charge t set email = null, email_normalized = null,"
                    + " card_last4 = null" + RECORD.formatted("charge")),
            // the cart stays (what was left, for the totals); who left it and the link back to it go
            new Redaction("checkout", "update checkout t set email = null, email_normalized = null, phone = null,"
                    + " recovery_url = null, attributes = '{}'" + RECORD.formatted("checkout")),
            new Redaction("source_record", "update source_record t set payload = " + MARKER
                    + " from subject_record s where t.connection_id = s.connection_id and t.entity = s.entity"
                    + " and t.external_id = s.external_id"),
            new Redaction("dead_letter", "update dead_letter t set payload = " + MARKER + ", raw_payload = null,"
                    + " reason = 'erased', status = 'discarded' where exists (select 1 from subject_record s"
                    + " where t.connection_id = s.connection_id and t.entity = s.entity and t.external_id = s.external_id)"
                    + " or " + TERMS.formatted("t.payload::text") + " or " + TERMS.formatted("t.raw_payload")
                    + " or " + TERMS.formatted("t.reason")),
            new Redaction("webhook_inbox", "update webhook_inbox t set body = " + MARKER + ", error = null"
                    + " where exists (select 1 from subject_record s where t.connection_id = s.connection_id"
                    + " and t.entity = s.entity and t.record_key = s.external_id)"
                    + " or " + TERMS.formatted("t.body::text") + " or " + TERMS.formatted("t.error")),
            new Redaction("data_request", "delete from data_request t where " + TERMS.formatted("t.document::text")));

    /**
     * What identity resolution writes (identities, keys, profiles, the merge ledger): run under its per-workspace lock,
     * after {@link #REGISTRY}, so that a resolution running concurrently neither writes keys from the records between
     * the two nor sees half an erasure.
     */
    static final List<Redaction> RESOLVED = List.of(
            new Redaction("identity", "update identity t set name_folded = null from subject_identity i where t.id = i.id"),
            new Redaction("identity_key", "delete from identity_key t using subject_identity i where t.identity_id = i.id"),
            new Redaction("profile", "update profile t set golden = '{}' where t.id in"
                    + " (select profile_id from identity i join subject_identity s on s.id = i.id)"),
            new Redaction("profile_merge", "update profile_merge t set evidence = " + MARKER + " where t.profile_id in"
                    + " (select profile_id from identity i join subject_identity s on s.id = i.id)"
                    + " or " + TERMS.formatted("t.evidence::text")));

    private final JdbcTemplate jdbc;

    Redactions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs the redactions of the source records against the subject gathered in this transaction. */
    void apply() {
        run(REGISTRY);
    }

    /**
     * Runs the redactions of what resolution derived from the records (identities, keys, profiles, ledger); the caller
     * holds the workspace's resolution lock.
     */
    void applyResolved() {
        run(RESOLVED);
    }

    private void run(List<Redaction> redactions) {
        for (Redaction redaction : redactions) {
            try {
                jdbc.update(redaction.sql());
            } catch (RuntimeException e) {
                throw new IllegalStateException("redacting " + redaction.table() + " failed", e);
            }
        }
    }
}
