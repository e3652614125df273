package io.mekong.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One real PostgreSQL 17 per test JVM, migrated with the application's Flyway scripts, for tests that need a
 * database but not the whole application. It stops when the JVM exits.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("mekong-test-pg"))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory is removed by the builder's clean flag
                }
            }));
        }
        if (dataSource == null) {
            // one instance: a JdbcTemplate and a transaction manager must share it to share a transaction
            dataSource = postgres.getPostgresDatabase();
        }
        return dataSource;
    }

    /** A new empty database on the same server, for a test that starts the application against an external URL. */
    public static synchronized String newDatabaseUrl(String name) {
        new JdbcTemplate(dataSource()).execute("create database " + name);
        return postgres.getJdbcUrl("postgres", name);
    }

    /** Empties every Mekong table and creates workspace {@code ws} with connection {@code conn} (connector shopify). */
    public static JdbcTemplate freshWorkspace(String ws, String conn) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        jdbc.execute("truncate workspace, app_user, connection, source_record, customer, sales_order, order_line, product,"
                + " product_variant, sync_job, sync_run, sync_run_stream, checkpoint, dead_letter cascade");
        jdbc.update("insert into workspace (id, name) values (?, ?)", ws, ws);
        jdbc.update("insert into connection (id, workspace_id, connector, name) values (?, ?, 'shopify', ?)", conn, ws, conn);
        return jdbc;
    }
}
