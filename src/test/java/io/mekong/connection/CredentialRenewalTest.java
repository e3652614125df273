package io.mekong.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.ConnectorRegistry;
import io.mekong.ops.AuditLog;
import io.mekong.ops.MasterKey;
import io.mekong.ops.SecretCipher;
import io.mekong.ops.WorkspaceScope;
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
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new ConnectionService(new ConnectionRepository(jdbc), ConnectorRegistry.load(Path.of("connectors")),
                cipher, java.time.Clock.systemUTC(), new AuditLog(jdbc, new WorkspaceScope()));
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

    private static final Map<String, String> SHOPEE = Map.of("partnerKey", "pk0", "accessToken", "old", "refreshToken", "r0");

    private static void shopeeConnection(JdbcTemplate jdbc, SecretCipher cipher, String id) {
        jdbc.update("insert into connection (id, workspace_id, connector, name, params, secrets) values (?, 'ws1', 'shopee', ?,"
                + " '{\"partnerId\": 1, \"shopId\": 2, \"baseUrl\": \"https://partner.shopeemobile.com\"}'::jsonb, ?)",
                id, id, cipher.encrypt(SHOPEE));
    }

    @Test
    void anEditWhileATokenIsRenewedKeepsTheRenewedRefreshToken() throws Exception {
        JdbcTemplate jdbc = TestDatabase.freshWorkspace("ws1", "c0");
        SecretCipher cipher = new SecretCipher(MasterKey.resolve("a passphrase for tests", dataDir));
        ConnectionService renewer = service(cipher);
        ConnectionService editor = service(cipher);
        shopeeConnection(jdbc, cipher, "c2");
        Connection before = editor.find("c2").orElseThrow();
        CountDownLatch editSent = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Future<Connection>> edit = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean editedDuringRenewal = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Map<String, String>> renewal = pool.submit(() -> renewer.renew("c2", Map.of(), stored -> {
                // an operator saves the connection while the vendor is answering
                edit.set(pool.submit(() -> editor.update(before,
                        new ConnectionDraft("c2", "ws1", null, "Shopee, renamed", before.params(), Map.of()))));
                editSent.countDown();
                sleep(500);
                editedDuringRenewal.set(edit.get().isDone());
                return Map.of("accessToken", "new", "refreshToken", "r1");
            }));

            renewal.get(10, TimeUnit.SECONDS);
            editSent.await(5, TimeUnit.SECONDS);
            assertThat(edit.get().get(10, TimeUnit.SECONDS).name()).isEqualTo("Shopee, renamed");
            assertThat(editedDuringRenewal).as("the edit waited for the renewal's lease").isFalse();
        } finally {
            pool.shutdownNow();
        }
        assertThat(editor.context("c2").secrets()).as("the edit waited for the renewal, then kept its tokens")
                .containsEntry("refreshToken", "r1").containsEntry("accessToken", "new").containsEntry("partnerKey", "pk0");
    }

    @Test
    void aConnectionMovedToAnotherHostIsGivenItsSecretsAgain() {
        JdbcTemplate jdbc = TestDatabase.freshWorkspace("ws1", "c0");
        SecretCipher cipher = new SecretCipher(MasterKey.resolve("a passphrase for tests", dataDir));
        ConnectionService service = service(cipher);
        shopeeConnection(jdbc, cipher, "c3");
        Connection existing = service.find("c3").orElseThrow();
        Map<String, Object> elsewhere = new java.util.HashMap<>(existing.params());
        elsewhere.put("baseUrl", "https://collector.example.net");

        assertThatThrownBy(() -> service.update(existing, new ConnectionDraft("c3", "ws1", null, null, elsewhere, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl changed").hasMessageContaining("give them again")
                .hasMessageContaining("accessToken");
        assertThat(service.find("c3").orElseThrow().params()).as("nothing changed").containsEntry("baseUrl",
                "https://partner.shopeemobile.com");

        service.update(existing, new ConnectionDraft("c3", "ws1", null, null, elsewhere,
                Map.of("partnerKey", "pk9", "accessToken", "a9", "refreshToken", "r9")));
        assertThat(service.context("c3").secrets()).isEqualTo(Map.of("partnerKey", "pk9", "accessToken", "a9", "refreshToken", "r9"));

        // staying on its host, a connection keeps the secrets it is not given
        Connection moved = service.find("c3").orElseThrow();
        service.update(moved, new ConnectionDraft("c3", "ws1", null, "kept", moved.params(), Map.of("accessToken", "a10")));
        assertThat(service.context("c3").secrets()).containsEntry("refreshToken", "r9").containsEntry("accessToken", "a10");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
