package io.mekong.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads dead letters; {@link PageCommitter} writes them in the transaction of their page. */
@Repository
public class DeadLetters {

    private final JdbcTemplate jdbc;

    public DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param reason a case-insensitive substring of the reason; every filter is optional (null)
     */
    public Listing<DeadLetterView> list(String workspaceId, String connectionId, String entity, String reason,
                                        String status, String cursor, int limit) {
        return new KeysetQuery("dead_letter").where("workspace_id = ?", workspaceId)
                .where("connection_id = ?", connectionId)
                .where("entity = ?", entity)
                .where("status = ?", status)
                .where("reason ilike '%' || ? || '%'", reason)
                .page(jdbc, cursor, limit, DeadLetters::row);
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
                    rs.getTimestamp("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("dead_letter " + rs.getLong("id") + " holds invalid JSON", e);
        }
    }
}
