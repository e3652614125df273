package io.mekong.privacy;

import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An erasure is complete only when every part of it is: the store (in its own transaction), each destination that
 * receives erasures (erasure_target, confirmed as their targets delete the person) and the reporting schema. Called
 * in the transaction that completes a part, it brings {@code parts.targets} and the erasure's status up to date.
 */
@Component
public class ErasureParts {

    private final JdbcTemplate jdbc;

    public ErasureParts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void settle(Collection<Long> erasureIds) {
        if (erasureIds.isEmpty()) {
            return;
        }
        Long[] ids = erasureIds.toArray(Long[]::new);
        jdbc.update("""
                update erasure_request r set parts = jsonb_set(r.parts, '{targets}', to_jsonb(
                  case when exists (select 1 from erasure_target t where t.erasure_id = r.id and t.status = 'pending') then 'pending'
                       when exists (select 1 from erasure_target t where t.erasure_id = r.id and t.status = 'failed') then 'failed'
                       else 'completed' end))
                 where r.id = any(?)""", (Object) ids);
        jdbc.update("""
                update erasure_request r set status = 'completed', completed_at = now()
                 where r.id = any(?) and r.status <> 'completed'
                   and not exists (select 1 from jsonb_each_text(r.parts) p where p.value <> 'completed')""", (Object) ids);
    }
}
