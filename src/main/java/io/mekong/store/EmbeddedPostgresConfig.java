package io.mekong.store;

import io.mekong.config.MekongProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts PostgreSQL 17 inside the process when no external database is configured (MEKONG_DB_URL unset),
 * keeping its files under {@code <data-dir>/postgres} so data survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class EmbeddedPostgresConfig {

    /** How long the JVM's exit waits for the context to stop PostgreSQL before stopping it itself. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(MekongProperties properties) throws IOException {
        int port = properties.db().embeddedPort();
        Path pgData = properties.dataPath().toAbsolutePath().normalize().resolve("postgres");
        Files.createDirectories(pgData);
        StalePostmaster.stopIfRunning(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // stopped by the context's close, after the routes that use it (EmbeddedPostgresServer)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedPostgresServer(builder.start(), STOP_GRACE);
    }

    /** The pool takes the same {@code spring.datasource.hikari.*} settings as the pool of an external database. */
    @Bean
    DataSource dataSource(EmbeddedPostgresServer postgres, Environment environment) {
        HikariDataSource ds = new HikariDataSource();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(ds));
        ds.setJdbcUrl(postgres.jdbcUrl());
        ds.setUsername("postgres");
        ds.setPoolName("mekong-embedded");
        return ds;
    }
}
