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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A connection's API id is unique per workspace; its global id never depends on what the caller can see. */
class ConnectionIdsTest {

    private static final int CALLERS = 8;

    @TempDir
    Path dataDir;

    private ConnectionService service() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
        return new ConnectionService(new ConnectionRepository(jdbc), ConnectorRegistry.load(Path.of("connectors")),
                new SecretCipher(MasterKey.resolve("a passphrase for tests", dataDir)), Clock.systemUTC(),
                new AuditLog(jdbc, new WorkspaceScope()));
    }

    private static ConnectionDraft shopify(String id, String workspace) {
        return new ConnectionDraft(id, workspace, "shopify", null,
                Map.of("shop", "ids.myshopify.com", "baseUrl", "https://ids.myshopify.com"), Map.of("accessToken", "shpat_x"));
    }

    private static JdbcTemplate workspaces(int count) {
        JdbcTemplate jdbc = TestDatabase.freshWorkspace("ws0", "c0");
        for (int i = 1; i < count; i++) {
            jdbc.update("insert into workspace (id, name) values (?, ?)", "ws" + i, "ws" + i);
        }
        return jdbc;
    }

    @Test
    void anIdTakenInAnotherWorkspaceIsGivenWithADerivedGlobalId() {
        workspaces(2);
        ConnectionService connections = service();

        Connection first = connections.create(shopify("shop", "ws0"));
        Connection second = connections.create(shopify("shop", "ws1"));

        assertThat(first.id()).isEqualTo("shop");
        assertThat(second.apiId()).isEqualTo("shop");
        assertThat(second.id()).matches("shop-[a-z2-9]{6}");
        assertThat(connections.findByApiId("ws1", "shop")).containsExactly(second);
        assertThat(connections.findByApiId(null, "shop")).containsExactly(first, second);
        assertThatThrownBy(() -> connections.create(shopify("shop", "ws1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a connection with id 'shop' already exists in this workspace");
        assertThat(connections.create(shopify("c0", "ws1")).id()).as("taken by a row written by SQL").startsWith("c0-");
    }

    @Test
    void callersCreatingOneIdAtOnceGetOneConnectionPerWorkspace() throws Exception {
        workspaces(CALLERS);
        ConnectionService connections = service();

        List<Object> sameWorkspace = createAtOnce(connections, i -> shopify("race", "ws0"));
        List<Object> ownWorkspaces = createAtOnce(connections, i -> shopify("rush", "ws" + i));

        assertThat(sameWorkspace).filteredOn(Connection.class::isInstance).hasSize(1);
        assertThat(sameWorkspace).filteredOn(IllegalArgumentException.class::isInstance).hasSize(CALLERS - 1)
                .allSatisfy(e -> assertThat(((Exception) e).getMessage()).contains("'race' already exists in this workspace"));
        assertThat(ownWorkspaces).allMatch(Connection.class::isInstance);
        assertThat(ownWorkspaces.stream().map(c -> ((Connection) c).id()).distinct()).hasSize(CALLERS).contains("rush");
    }

    /** @return per caller, the connection it created or what it threw */
    private static List<Object> createAtOnce(ConnectionService connections, java.util.function.IntFunction<ConnectionDraft> draft)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(CALLERS);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Callable<Connection>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                calls.add(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return connections.create(draft.apply(caller));
                });
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Connection> result : pool.invokeAll(calls)) {
                try {
                    outcomes.add(result.get());
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectionsOfAnEarlierSchemaKeepTheirIdAsTheirApiId() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestDatabase.newDatabaseUrl("connection_ids_v10"));
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("10").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.update("insert into workspace (id, name) values ('old', 'Old')");
        jdbc.update("insert into connection (id, workspace_id, connector, name) values ('legacy', 'old', 'shopify', 'Legacy')");

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForObject("select api_id from connection where id = 'legacy'", String.class)).isEqualTo("legacy");
        assertThatThrownBy(() -> jdbc.update("insert into connection (id, api_id, workspace_id, connector, name)"
                + " values ('legacy-2', 'legacy', 'old', 'shopify', 'Twin')"))
                .hasMessageContaining("connection_workspace_api_id_key");
    }
}
