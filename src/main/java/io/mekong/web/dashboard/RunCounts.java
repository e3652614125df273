package io.mekong.web.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A run's records, summed over its streams: read = inserted + updated + unchanged + stale + rejected. */
public record RunCounts(long read, long inserted, long updated, long unchanged, long stale, long rejected, long deleted) {

    /** The sums of {@code sync_run_stream} a lateral subquery named {@code s} selected; zeros for a run without streams. */
    static RunCounts of(ResultSet rs) throws SQLException {
        return new RunCounts(rs.getLong("read"), rs.getLong("inserted"), rs.getLong("updated"), rs.getLong("unchanged"),
                rs.getLong("stale"), rs.getLong("rejected"), rs.getLong("deleted"));
    }

    /** The lateral subquery {@link #of} reads, for the run {@code r}. */
    static final String SUMS = """
            left join lateral (select coalesce(sum(read), 0) read, coalesce(sum(inserted), 0) inserted,
                coalesce(sum(updated), 0) updated, coalesce(sum(unchanged), 0) unchanged, coalesce(sum(stale), 0) stale,
                coalesce(sum(rejected), 0) rejected, coalesce(sum(deleted), 0) deleted
              from sync_run_stream where run_id = r.id) s on true""";
}
