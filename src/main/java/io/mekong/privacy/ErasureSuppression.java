package io.mekong.privacy;

import io.mekong.store.ErasedRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps erased people erased while their source still holds them: a record an erasure redacted that a sync or webhook
 * stores again is redacted again, with the same {@link Redactions}, in the transaction that stored it (before identity
 * resolution reads it, so it yields no keys). Suppression goes by source record key, not by email or phone: the same
 * person signing up again later is a new record, with a new consent, and is kept. Counted as
 * {@code mekong.privacy.redacted.again}.
 */
@Component
class ErasureSuppression implements ErasedRecords {

    private final JdbcTemplate jdbc;
    private final Redactions redactions;
    private final Counter redactedAgain;

    ErasureSuppression(JdbcTemplate jdbc, Redactions redactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.redactions = redactions;
        this.redactedAgain = Counter.builder("mekong.privacy.redacted.again")
                .description("records of erased people that a sync or webhook stored again, redacted again")
                .register(meters);
    }

    @Override
    public int redactAgain(String connectionId, String entity, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return 0;
        }
        List<SourceRecordKey> erased = new ArrayList<>();
        String[] workspace = new String[1];
        jdbc.query("select external_id, workspace_id from erased_record where connection_id = ? and entity = ?"
                + " and external_id = any(?)", rs -> {
                    erased.add(new SourceRecordKey(connectionId, entity, rs.getString(1)));
                    workspace[0] = rs.getString(2);
                }, connectionId, entity, externalIds.toArray(String[]::new));
        if (!erased.isEmpty()) {
            Subject.open(jdbc, workspace[0]).records(erased);
            redactions.apply();
            redactedAgain.increment(erased.size());
        }
        return erased.size();
    }
}
