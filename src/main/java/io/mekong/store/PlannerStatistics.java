package io.mekong.store;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code mekong.db.analyze-every}, analyses the hub's tables that changed more since their last analysis than
 * they held then (at least {@code mekong.db.analyze-min-changes} rows): a young table filling fast, such as the
 * identities of a first sync.
 *
 * <p>Why not leave it to autovacuum: PostgreSQL plans a prepared statement and a foreign-key check once per session
 * and keeps the plan until the table's statistics change. A plan made while a table held a few pages scans it whole,
 * which is cheapest then; once the table holds a million rows every such statement (a page's 600 keys checked against
 * their identity, a page's profiles written back) scans a million rows. Autovacuum analyses a table only after 10% of
 * it changed and at most once a minute per database, so a first sync of a large shop ran most of its pages on those
 * plans: resolving 20,000 identities took 38 s instead of 8 s (docs/benchmarks.md, P4). A table that doubled since its
 * statistics is analysed at once; a large settled table is left to autovacuum.
 */
@Component
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcTemplate jdbc;
    private final long minChanges;

    PlannerStatistics(JdbcTemplate jdbc, @Value("${mekong.db.analyze-min-changes:1000}") long minChanges) {
        this.jdbc = jdbc;
        this.minChanges = minChanges;
    }

    @Scheduled(fixedDelayString = "${mekong.db.analyze-every:PT5S}", initialDelayString = "${mekong.db.analyze-every:PT5S}")
    void analyseGrownTables() {
        try {
            for (String table : grown()) {
                long started = System.nanoTime();
                jdbc.execute("analyze " + table);
                log.debug("Analysed {} in {} ms", table, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("Table statistics could not be refreshed ({}); they are tried again at the next turn", e.getMessage());
        }
    }

    /** The hub's tables (of the current schema) that changed more than they held at their last analysis. */
    List<String> grown() {
        return jdbc.queryForList("""
                select format('%I.%I', s.schemaname, s.relname) from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                 where s.schemaname = current_schema() and s.n_mod_since_analyze >= greatest(?, c.reltuples)
                 order by s.n_mod_since_analyze desc""", String.class, minChanges);
    }
}
