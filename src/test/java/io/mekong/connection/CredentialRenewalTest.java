package io.mekong.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.MasterKey;
import io.mekong.ops.SecretCipher;
import io.mekong.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Renewed tokens are sealed into the connection row, one renewer at a time across instances. */
class CredentialRenewalTest {

    @TempDir
    Path dataDir;

    /** One instance of the hub: its repository and its transactions on one data source, as Spring wires them. */
    private ConnectionService service(SecretCipher cipher) {
        DataSource dataSource = TestDatabase.dataSource();
        return new ConnectionService(new ConnectionRepository(new JdbcTemplate(dataSource)),
                ConnectorRegistry.load(Path.of("connectors")), cipher);
    }

    @Test
    void twoInstancesRenewingAtOnceSpendTheRefreshTokenOnce() throws Exception {
        JdbcTemplate jdbc = TestDatabase.freshWorkspace("ws1", "c0");
        SecretCipher cipher = new SecretCipher(MasterKey.resolve("a passphrase for tests", dataDir));
        ConnectionService instanceA = service(cipher);
        ConnectionService instanceB = service(cipher);
        jdbc.update("insert into connection (id, workspace_id, connector, name, secrets) values ('c1', 'ws1', 'shopify', 'c1', ?)",
                cipher.encrypt(Map.of("accessToken", "old", "refreshToken", "r0", "shop", "x")));
        AtomicInteger spent = new AtomicInteger();
        CountDownLatch bothAsked = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, String>>> results = pool.invokeAll(List.of(instanceA, instanceB).stream()
                    .map(instance -> (java.util.concurrent.Callable<Map<String, String>>) () -> {
                        bothAsked.countDown();
                        bothAsked.await(5, TimeUnit.SECONDS);
                        return instance.renew("c1", Map.of(), stored -> {
                            if (!stored.get("accessToken").equals("old")) {
                                return null; // the other instance renewed it while this one waited for the lock
                            }
                            spent.incrementAndGet();
                            return Map.of("accessToken", "new", "refreshToken", "r1");
                        });
                    }).toList());
            for (Future<Map<String, String>> result : results) {
                assertThat(result.get()).containsEntry("accessToken", "new").containsEntry("refreshToken", "r1")
                        .containsEntry("shop", "x");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(spent).hasValue(1);
        byte[] sealed = jdbc.queryForObject("select secrets from connection where id = 'c1'", byte[].class);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("new");
        assertThat(cipher.decrypt(sealed)).containsEntry("accessToken", "new");
    }
}
