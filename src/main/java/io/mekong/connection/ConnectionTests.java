package io.mekong.connection;

import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.TestResult;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * "Test connection": reaches the system with the stored credentials and keeps the outcome, which the console shows as
 * the connection's health. No database transaction is open while the vendor is called.
 */
@Service
public class ConnectionTests {

    /** A test's outcome; the message names what failed, never a secret or a vendor's body. */
    public record LastTest(Instant at, boolean ok, String message) {
    }

    private final ConnectionService connections;
    private final ConnectionRepository repository;
    private final ConnectorEngine engine;

    ConnectionTests(ConnectionService connections, ConnectionRepository repository, ConnectorEngine engine) {
        this.connections = connections;
        this.repository = repository;
        this.engine = engine;
    }

    /** @param connection one the caller may see */
    public TestResult test(Connection connection) {
        TestResult result = engine.test(connections.context(connection.id()));
        repository.saveTest(connection.id(), result.ok(), result.message());
        return result;
    }

    public Optional<LastTest> last(Connection connection) {
        return repository.lastTest(connection.id());
    }
}
