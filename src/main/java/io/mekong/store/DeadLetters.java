package io.mekong.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
        if (limit < 1 || limit > CanonicalReader.MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + CanonicalReader.MAX_PAGE);
        }
        StringBuilder sql = new StringBuilder("select * from dead_letter where true");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "workspace_id = ?", workspaceId);
        filter(sql, args, "connection_id = ?", connectionId);
        filter(sql, args, "entity = ?", entity);
        filter(sql, args, "status = ?", status);
        filter(sql, args, "reason ilike '%' || ? || '%'", reason);
        if (cursor != null) {
            try {
                filter(sql, args, "id > ?", Long.parseLong(cursor));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API handed out");
            }
        }
        sql.append(" order by id limit ?");
        args.add(limit + 1);
        List<DeadLetterView> items = new ArrayList<>(jdbc.query(sql.toString(), DeadLetters::row, args.toArray()));
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = Long.toString(items.get(limit - 1).id());
        }
        return new Listing<>(items, next);
    }

    public int openCount(String connectionId) {
        Integer count = jdbc.queryForObject("select count(*) from dead_letter where connection_id = ? and status = 'open'",
                Integer.class, connectionId);
        return count == null ? 0 : count;
    }

    private static void filter(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            args.add(value);
        }
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
