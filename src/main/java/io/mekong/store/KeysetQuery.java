package io.mekong.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A listing query paged by id: stable while rows are added, one index range scan per page. Filters are added
 * only when their value is given; the page's nextCursor is the last id handed out.
 */
final class KeysetQuery {

    static final int MAX_PAGE = 500;

    private final String table;
    private final StringBuilder conditions = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    KeysetQuery(String table) {
        this.table = table;
    }

    /** Adds {@code and condition} with one parameter, unless {@code value} is null. */
    KeysetQuery where(String condition, Object value) {
        if (value != null) {
            conditions.append(" and ").append(condition);
            args.add(value);
        }
        return this;
    }

    <T> Listing<T> page(JdbcTemplate jdbc, String cursor, int limit, RowMapper<T> mapper) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        if (cursor != null) {
            try {
                where("id > ?", Long.parseLong(cursor));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API handed out");
            }
        }
        List<Long> ids = new ArrayList<>();
        List<T> items = new ArrayList<>(first(jdbc, limit + 1, (rs, n) -> {
            ids.add(rs.getLong("id"));
            return mapper.mapRow(rs, n);
        }));
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = Long.toString(ids.get(limit - 1));
        }
        return new Listing<>(items, next);
    }

    /** The first {@code limit} matching rows, oldest (lowest id) first, unbounded by {@link #MAX_PAGE}. */
    <T> List<T> first(JdbcTemplate jdbc, int limit, RowMapper<T> mapper) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        return jdbc.query("select * from " + table + " where true" + conditions + " order by id limit ?", mapper,
                all.toArray());
    }

    long count(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " where true" + conditions, Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }
}
