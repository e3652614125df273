package io.mekong.privacy;

import io.mekong.identity.IdentityResolution;
import io.mekong.identity.ProfileListener;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes everything a connection brought in (Shopify shop/redact, 48 hours after a shop uninstalls the app): every
 * row of every table with a {@code connection_id}, found in the schema so that a table added later is covered, except
 * the connection's own configuration and history, which hold no shop data. Profiles left without identities go with
 * their merge history; those that keep identities elsewhere are resolved again (one joined only through the removed
 * identities splits) and recomputed by the {@link ProfileListener}s.
 */
@Service
public class ShopRemoval {

    /**
     * Tables kept: the connection, its sync jobs, runs and rate budget (configuration and counts), and the erased
     * records (so that a reinstalled shop's erased people stay erased).
     */
    static final Set<String> KEPT = Set.of("connection", "sync_job", "sync_run", "rate_budget", "erased_record");

    private final JdbcTemplate jdbc;
    private final IdentityResolution resolution;

    ShopRemoval(JdbcTemplate jdbc, IdentityResolution resolution) {
        this.jdbc = jdbc;
        this.resolution = resolution;
    }

    /**
     * @param keepInboxRow the delivery asking for the removal, settled after it (null: none)
     * @return rows removed
     */
    @Transactional
    public int remove(String connectionId, Long keepInboxRow) {
        String workspaceId = jdbc.queryForObject("select workspace_id from connection where id = ?", String.class,
                connectionId);
        int removed = 0;
        for (String table : tablesWithConnection()) {
            if (!table.equals("identity")) {
                String keep = table.equals("webhook_inbox") && keepInboxRow != null ? " and id <> " + keepInboxRow : "";
                removed += jdbc.update("delete from " + table + " where connection_id = ?" + keep, connectionId);
            }
        }
        // identities, profiles and the ledger are resolution's: under its lock, taken after the records' rows (as a
        // store transaction takes them)
        resolution.lock(workspaceId);
        List<Long> identities = jdbc.queryForList("delete from identity where connection_id = ? returning profile_id",
                Long.class, connectionId);
        removed += identities.size();
        Set<Long> profiles = new HashSet<>(identities);
        profiles.remove(null);
        Long[] ids = profiles.toArray(Long[]::new);
        jdbc.update("delete from profile_merge m where m.profile_id = any(?)"
                + " and not exists (select 1 from identity i where i.profile_id = m.profile_id)", (Object) ids);
        removed += jdbc.update("delete from profile p where p.id = any(?)"
                + " and not exists (select 1 from identity i where i.profile_id = p.id)", (Object) ids);
        if (!profiles.isEmpty()) {
            // a profile joined only through the removed identities splits; every listener is told
            resolution.resolveProfiles(workspaceId, profiles);
        }
        return removed;
    }

    /** Tables of the schema with a connection_id column but the kept ones; rows without one (order lines) cascade. */
    private List<String> tablesWithConnection() {
        return jdbc.queryForList("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and c.column_name = 'connection_id' and t.table_type = 'BASE TABLE'
                order by c.table_name""", String.class).stream().filter(t -> !KEPT.contains(t)).toList();
    }
}
