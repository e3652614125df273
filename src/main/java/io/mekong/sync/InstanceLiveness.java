package io.mekong.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells whether the instance that owns a run is still alive, across any number of instances: each instance
 * holds a PostgreSQL session advisory lock named after its id for as long as it lives. The database drops the
 * lock the moment the session ends (crash, kill -9, lost network), so a lock that can be taken belongs to a
 * dead instance. No clocks, no timeouts to tune.
 *
 * <p>A database restart ends the session too, while this instance lives on: {@link #ensureHeld()} (called by every
 * {@link RunSweep}) takes the lock again on a new session, so other instances see this one alive again.
 */
@Component
public class InstanceLiveness implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceLiveness.class);
    private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtextextended(?, 0))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtextextended(?, 0))";
    private static final String HOLDS = """
            select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted
            and objsubid = 1 and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0))""";

    private final String instanceId = UUID.randomUUID().toString();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private Connection held;

    public InstanceLiveness(DataSource dataSource, JdbcTemplate jdbc) throws SQLException {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        if (!lock()) {
            throw new IllegalStateException("instance " + instanceId + " cannot take its liveness lock");
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public boolean isAlive(String owner) {
        if (owner == null) {
            return false;
        }
        if (owner.equals(instanceId)) {
            return true;
        }
        return Boolean.FALSE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> {
            boolean taken = query(c, TRY_LOCK, owner);
            if (taken) {
                query(c, UNLOCK, owner);
            }
            return taken;
        }));
    }

    /**
     * Makes sure this instance's lock is held, taking it again on a new session when the one holding it is gone
     * (the database restarted, the connection broke).
     *
     * @return whether the lock is held now; false when the database cannot be reached (try again later)
     */
    public synchronized boolean ensureHeld() {
        try {
            if (held != null && query(held, HOLDS, instanceId)) {
                return true;
            }
        } catch (SQLException gone) {
            // the session is gone: take the lock on a new one
        }
        closeQuietly();
        try {
            if (lock()) {
                log.warn("Instance {} took its liveness lock again on a new database session (the old one ended,"
                        + " e.g. a database restart)", instanceId);
                return true;
            }
            log.warn("Instance {} cannot take its liveness lock again yet: another session holds it", instanceId);
        } catch (SQLException e) {
            log.warn("Instance {} cannot take its liveness lock again yet: {}", instanceId, e.getMessage());
        }
        return false;
    }

    private synchronized boolean lock() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            if (query(connection, TRY_LOCK, instanceId)) {
                held = connection;
                return true;
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return false;
    }

    private static boolean query(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void closeQuietly() {
        if (held == null) {
            return;
        }
        try {
            held.close();
        } catch (SQLException ignored) {
            // a broken session: the pool discards it
        }
        held = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
