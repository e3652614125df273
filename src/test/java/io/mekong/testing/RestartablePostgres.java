package io.mekong.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A PostgreSQL server of a fault test's own, on a data folder and port that stay the same across {@link #stop()} and
 * {@link #start()}: to clients it is the same database going away and coming back, with its data. A stop is
 * PostgreSQL's fast shutdown (pg_ctl stop -m fast): sessions are ended, committed data stays.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres server;

    public RestartablePostgres(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        start();
    }

    public synchronized void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        server = builder.start();
        port = server.getPort();
    }

    public synchronized void stop() throws IOException {
        server.close();
        server = null;
    }

    /** The JDBC URL of database {@code postgres}, which the hub under test uses; the user is {@code postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            stop();
        }
    }
}
