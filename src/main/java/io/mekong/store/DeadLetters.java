package io.mekong.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads and tends dead letters; {@link PageCommitter} writes them in the transaction of their page. A dead letter
 * is {@code open} until a replay stores it ({@code replayed}); a failed replay keeps it open with the new reason.
 */
@Repository
public class DeadLetters {

    private final JdbcTemplate jdbc;

    public DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Listing<DeadLetterView> list(DeadLetterFilter filter, String cursor, int limit) {
        return filter.applyTo(new KeysetQuery("dead_letter")).page(jdbc, cursor, limit, DeadLetters::row);
    }

    public long count(DeadLetterFilter filter) {
        return filter.applyTo(new KeysetQuery("dead_letter")).count(jdbc);
    }

    public Optional<DeadLetterView> find(long id) {
        return jdbc.query("select * from dead_letter where id = ?", DeadLetters::row, id).stream().findFirst();
    }

    /** Replaces an open dead letter's payload (an operator's fix); false when it is not open. */
    public boolean editPayload(long id, String json) {
        return jdbc.update("update dead_letter set payload = ?::jsonb, updated_at = now() where id = ? and status = 'open'",
                json, id) > 0;
    }

    /** Marks open dead letters as stored by a replay, in one statement. */
    public void markReplayed(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update(c -> {
                PreparedStatement statement = c.prepareStatement("update dead_letter set status = 'replayed',"
                        + " attempts = attempts + 1, updated_at = now() where id = any(?) and status = 'open'");
                statement.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                return statement;
            });
        }
    }

    /** Keeps dead letters open with the reason their replay was refused again, in one batch. */
    public void recordFailedReplays(Map<Long, String> reasons) {
        jdbc.batchUpdate("update dead_letter set reason = ?, attempts = attempts + 1, updated_at = now() where id = ?",
                reasons.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
    }

    /** Open dead letters matching the filter (whatever status it names), oldest first. */
    public List<DeadLetterView> open(DeadLetterFilter filter, int limit) {
        return filter.open().applyTo(new KeysetQuery("dead_letter")).first(jdbc, limit, DeadLetters::row);
    }

    /** Open dead letters per connection (connections with none are absent). */
    public Map<String, Integer> openByConnection() {
        Map<String, Integer> depth = new TreeMap<>();
        jdbc.query("select connection_id, count(*) from dead_letter where status = 'open' group by connection_id",
                rs -> {
                    depth.put(rs.getString(1), rs.getInt(2));
                });
        return depth;
    }

    /** Open dead letters of destinations, by {@code workspace/destination id}. */
    public Map<String, Integer> openByDestination() {
        Map<String, Integer> depth = new TreeMap<>();
        jdbc.query("""
                select d.workspace_id || '/' || d.api_id, count(*) from dead_letter l join destination d on d.id = l.destination_id
                where l.status = 'open' group by d.workspace_id, d.api_id""", rs -> {
                    depth.put(rs.getString(1), rs.getInt(2));
                });
        return depth;
    }

    public int openCount(String connectionId) {
        Integer count = jdbc.queryForObject("select count(*) from dead_letter where connection_id = ? and status = 'open'",
                Integer.class, connectionId);
        return count == null ? 0 : count;
    }

    private static DeadLetterView row(ResultSet rs, int n) throws SQLException {
        String payload = rs.getString("payload");
        try {
            return new DeadLetterView(rs.getLong("id"), rs.getString("workspace_id"), rs.getString("connection_id"),
                    rs.getString("entity"), rs.getString("external_id"), (Long) rs.getObject("run_id"),
                    rs.getString("reason"), payload == null ? null : Json.MAPPER.readTree(payload),
                    rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant(), (Long) rs.getObject("destination_id"), null);
        } catch (JsonProcessingException e) {
            throw new SQLException("dead_letter " + rs.getLong("id") + " holds invalid JSON", e);
        }
    }
}
