package io.mekong.web.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What came in: webhook deliveries per hour (from the inbox) and orders per day and channel (from the canonical
 * orders). Both start from the workspace's connections and read each one's rows of the window through an index on
 * (connection_id, time), so a large store costs no more than the window's rows. {@code workspace} null reads all.
 */
@Repository
class TrafficFigures {

    static final String WEBHOOKS_SQL = """
            select date_trunc('hour', w.received_at, ?) as hour_start, count(*) from connection c
            join lateral (select received_at from webhook_inbox w where w.connection_id = c.id and w.received_at >= ?) w
              on true
            where ?::text is null or c.workspace_id = ?
            group by 1""";

    /** Test orders and deleted ones (tombstones) are no sales. */
    static final String ORDERS_SQL = """
            select c.workspace_id, c.api_id, (o.placed_at at time zone ?)::date as placed_day, count(*) from connection c
            join lateral (select placed_at from sales_order o where o.connection_id = c.id and o.placed_at >= ?
              and not o.deleted and not o.test) o on true
            where ?::text is null or c.workspace_id = ?
            group by 1, 2, 3""";

    private final JdbcTemplate jdbc;

    TrafficFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Webhook deliveries received since {@code since}, by the hour (in {@code zone}) they arrived in. */
    Map<Instant, Long> webhooksPerHour(String workspace, Instant since, ZoneId zone) {
        Map<Instant, Long> hours = new HashMap<>();
        jdbc.query(WEBHOOKS_SQL, rs -> {
            hours.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
        }, zone.getId(), Timestamp.from(since), workspace, workspace);
        return hours;
    }

    /** A channel's orders on a day. @param connection the connection's API id */
    record DayCount(String workspace, String connection, LocalDate day, long orders) {
    }

    /** Orders placed since {@code since}, per connection and day in {@code zone}. */
    List<DayCount> ordersPerDay(String workspace, Instant since, ZoneId zone) {
        List<DayCount> days = new ArrayList<>();
        jdbc.query(ORDERS_SQL, rs -> {
            days.add(new DayCount(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4)));
        }, zone.getId(), Timestamp.from(since), workspace, workspace);
        return days;
    }
}
