package io.mekong.store;

import io.mekong.config.MekongProperties;
import io.mekong.connector.ConnectorRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the checkouts that have become abandoned and marks them, once: a checkout of any workspace, not completed,
 * not deleted, not yet marked, whose source last changed it at least {@code abandonedAfter} ago, and after whose start
 * the same buyer placed no order on the same connection (same customer id, or same normalised email). The hub judges
 * only what it has read since: a checkout counts only once a sync of its connection's checkouts began after the
 * checkout became due, so a checkout completed in time is never taken for abandoned because its completion had not
 * been read yet (a connection whose syncs stopped has nothing marked). Each pass, one short transaction, flags the due
 * checkouts followed by an order ({@code followed_by_order}: never looked at again) and marks at most
 * {@code batchSize} of the others, oldest change first. Instances scanning at once take different rows
 * ({@code for update skip locked}), and a marked checkout is never marked again.
 */
@Service
public class AbandonedCheckouts {

    /** A checkout this pass marked abandoned. */
    public record Marked(String workspaceId, String connectionId, String externalId) {
    }

    /** When each connection's checkouts were last read: the start of its latest successful checkouts stream. */
    private static final String READ = """
            read as (
              select r.connection_id, max(r.started_at) as at
              from sync_run r join sync_run_stream s on s.run_id = r.id
              join connection c on c.id = r.connection_id
              where s.status = 'succeeded' and c.connector || '/' || s.stream = any(?)
              group by r.connection_id)""";

    /** Due: open, unsettled, past the delay since its last change, and read again since it became due. */
    private static final String DUE = """
            from checkout k join read on read.connection_id = k.connection_id
            where k.abandoned_at is null and k.completed_at is null and not k.deleted and not k.followed_by_order
              and k.source_updated_at <= now() - make_interval(secs => ?)
              and k.source_updated_at + make_interval(secs => ?) <= read.at""";

    /** Whether an order of the same connection followed the checkout: same customer, or same email. */
    private static final String ORDERED = """
            (exists (select 1 from sales_order o
                     where o.connection_id = k.connection_id and o.customer_external_id = k.customer_external_id
                       and o.placed_at >= k.source_created_at)
             or exists (select 1 from sales_order o
                        where o.workspace_id = k.workspace_id and o.email_normalized = k.email_normalized
                          and o.connection_id = k.connection_id and o.placed_at >= k.source_created_at))""";

    /**
     * The due checkouts whose buyer ordered after all are settled: never abandoned, and not looked at again, so a
     * pass costs what is newly due, not every checkout ever followed by an order. Not bounded: it writes a flag only,
     * and after a first run over a backlog each pass finds few.
     */
    static final String SETTLE_ORDERED = "with " + READ + """
            , ordered as (select k.id""" + " " + DUE + " and " + ORDERED + """
              for update of k skip locked)
            update checkout k set followed_by_order = true from ordered where k.id = ordered.id""";

    static final String MARK_DUE = "with " + READ + """
            , due as (select k.id""" + " " + DUE + " and not " + ORDERED + """
              order by k.source_updated_at, k.id
              limit ?
              for update of k skip locked)
            update checkout k set abandoned_at = now(), updated_at = now()
            from due where k.id = due.id and k.abandoned_at is null
            returning k.workspace_id, k.connection_id, k.external_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MekongProperties.Checkouts settings;
    private final List<String> checkoutStreams;

    public AbandonedCheckouts(JdbcTemplate jdbc, TransactionTemplate transaction, MekongProperties properties,
                              ConnectorRegistry connectors) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = properties.checkouts();
        this.checkoutStreams = connectors.streamsOf("checkout");
    }

    /** One pass with the configured delay and batch size, in a transaction of its own. */
    public List<Marked> scan() {
        return transaction.execute(status -> jdbc.execute((ConnectionCallback<List<Marked>>) c ->
                markDue(c, settings.abandonedAfter(), settings.batchSize(), checkoutStreams)));
    }

    /** The streams that read checkouts, as {@code connector/stream} (Shopify's {@code shopify/checkouts}). */
    public List<String> checkoutStreams() {
        return checkoutStreams;
    }

    /** The configured batch size: a pass that marked this many may have left more due. */
    public int batchSize() {
        return settings.batchSize();
    }

    /**
     * Marks the due checkouts, at most {@code batchSize}, within the caller's transaction on {@code c}.
     *
     * @param checkoutStreams the streams that read checkouts, as {@code connector/stream}: their runs tell when each
     *                        connection's checkouts were last read
     * @return the checkouts marked
     */
    public static List<Marked> markDue(Connection c, Duration abandonedAfter, int batchSize,
                                       Collection<String> checkoutStreams) throws SQLException {
        if (abandonedAfter.isNegative()) {
            throw new IllegalArgumentException("abandonedAfter must not be negative, was " + abandonedAfter);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        List<Marked> marked = new ArrayList<>();
        double seconds = abandonedAfter.toMillis() / 1000.0;
        try (PreparedStatement statement = c.prepareStatement(SETTLE_ORDERED)) {
            statement.setArray(1, c.createArrayOf("text", checkoutStreams.toArray()));
            statement.setDouble(2, seconds);
            statement.setDouble(3, seconds);
            statement.executeUpdate();
        }
        try (PreparedStatement statement = c.prepareStatement(MARK_DUE)) {
            statement.setArray(1, c.createArrayOf("text", checkoutStreams.toArray()));
            statement.setDouble(2, seconds);
            statement.setDouble(3, seconds);
            statement.setInt(4, batchSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    marked.add(new Marked(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        // the bus's outbox rows (docs/events.md, topic checkouts): the abandonment is published with this transaction
        if (!marked.isEmpty()) {
            try (PreparedStatement statement = c.prepareStatement("insert into outbox (workspace_id, topic, connection_id,"
                    + " subject) select w, 'checkouts', k, e from unnest(?::text[], ?::text[], ?::text[]) as t(w, k, e)")) {
                statement.setArray(1, c.createArrayOf("text", marked.stream().map(Marked::workspaceId).toArray()));
                statement.setArray(2, c.createArrayOf("text", marked.stream().map(Marked::connectionId).toArray()));
                statement.setArray(3, c.createArrayOf("text", marked.stream().map(Marked::externalId).toArray()));
                statement.executeUpdate();
            }
        }
        return marked;
    }
}
