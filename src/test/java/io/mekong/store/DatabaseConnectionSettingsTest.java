package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.HubIntegrationTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded database's pool takes spring.datasource.hikari.* like an external one's. */
class DatabaseConnectionSettingsTest extends HubIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aReadOnAConnectionThatNeverAnswersFailsAfterTheSocketTimeout() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).as("socket timeout (ms)").isEqualTo(900_000);
        }
    }
}
