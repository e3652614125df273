package io.mekong.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells whether the instance that owns a run is still alive, across any number of instances: each instance
 * holds a PostgreSQL session advisory lock named after its id for as long as it lives. The database drops the
 * lock the moment the session ends (crash, kill -9, lost network), so a lock that can be taken belongs to a
 * dead instance. No clocks, no timeouts to tune.
 */
@Component
public class InstanceLiveness implements AutoCloseable {

    private static final String LOCK = "select pg_advisory_lock(hashtextextended(?, 0))";
    private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtextextended(?, 0))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtextextended(?, 0))";

    private final String instanceId = UUID.randomUUID().toString();
    private final Connection held;
    private final JdbcTemplate jdbc;

    public InstanceLiveness(DataSource dataSource, JdbcTemplate jdbc) throws SQLException {
        this.jdbc = jdbc;
        this.held = dataSource.getConnection();
        held.setAutoCommit(true);
        try (PreparedStatement lock = held.prepareStatement(LOCK)) {
            lock.setString(1, instanceId);
            lock.execute();
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
            boolean taken;
            try (PreparedStatement tryLock = c.prepareStatement(TRY_LOCK)) {
                tryLock.setString(1, owner);
                try (ResultSet rs = tryLock.executeQuery()) {
                    rs.next();
                    taken = rs.getBoolean(1);
                }
            }
            if (taken) {
                try (PreparedStatement unlock = c.prepareStatement(UNLOCK)) {
                    unlock.setString(1, owner);
                    unlock.execute();
                }
            }
            return taken;
        }));
    }

    @Override
    public void close() throws SQLException {
        held.close();
    }
}
