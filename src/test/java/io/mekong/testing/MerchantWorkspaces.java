package io.mekong.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.sandbox.hooks.HookReceivers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two workspaces, {@code <prefix>-a} ({@link #own}: its merchant is the one who acts) and {@code <prefix>-b}
 * ({@link #other}), set up once for the test class, for the tests that prove a merchant of one workspace reaches
 * nothing of another's. Each holds one of every row a merchant works with: a connection to the test shop with a sync
 * job and its finished run (and so customers with orders), an open dead letter, a webhook destination, an erasure, and
 * the workspace's merchant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MerchantWorkspaces extends HubIntegrationTest {

    public static final String MERCHANT_PASSWORD = "merchant-workspaces-pass";

    @Autowired
    private AppUsers users;
    @Autowired
    private HookReceivers hooks;

    private final String prefix;
    protected Rows own;
    protected Rows other;

    protected MerchantWorkspaces(String prefix) {
        this.prefix = prefix;
    }

    @BeforeAll
    void twoWorkspaces() {
        own = merchantWorkspace(prefix + "-a");
        other = merchantWorkspace(prefix + "-b");
    }

    /**
     * What a workspace holds, by the ids its pages and the API use.
     *
     * @param connection the connection's API id ({@code <workspace>-shop})
     * @param profile    a customer with an order and an email, the same person in every such workspace
     */
    public record Rows(String workspace, String merchant, String connection, long job, long run, long profile,
                       String email, long deadLetter, String destination, long erasure) {
    }

    /** Creates workspace {@code ws} with its rows; its merchant is {@code <ws>-merchant}. */
    private Rows merchantWorkspace(String ws) {
        jdbc.update("insert into workspace (id, name) values (?, ?)", ws, ws);
        String merchant = ws + "-merchant";
        users.create(merchant, MERCHANT_PASSWORD, Role.MERCHANT, ws);
        String connection = ws + "-shop";
        long job = connectionWithSync(ws, connection, SHOP, "VND", TOKEN);
        JsonNode run = runToEnd(job);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");

        // the shop's first customer who ordered, found by the shop's id: the same person whichever workspace synced it
        Map<String, Object> customer = jdbc.queryForMap("""
                select p.id, p.golden ->> 'email' as email from profile p join identity i on i.profile_id = p.id
                 where p.workspace_id = ? and p.golden ->> 'email' is not null
                   and exists (select 1 from profile_order po where po.profile_id = p.id)
                 order by i.external_id limit 1""", ws);
        long profile = ((Number) customer.get("id")).longValue();

        long deadLetter = jdbc.queryForObject("""
                insert into dead_letter (workspace_id, connection_id, entity, external_id, reason, payload)
                select workspace_id, id, 'order', '1001', 'order has more than 20 line items', '{"id": 1001}'
                  from connection where workspace_id = ? and api_id = ?
                returning id""", Long.class, ws, connection);

        String destination = ws + "-hook";
        call("POST", "/api/connections", Map.of("id", destination + "-target", "workspace", ws, "connector", "webhook",
                "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/merchant"),
                "secrets", Map.of("signingSecret", hooks.receiver("merchant").secret())), 201);
        call("POST", "/api/destinations", Map.of("id", destination, "workspace", ws,
                "connection", destination + "-target", "deliver", List.of("erasures")), 201);

        long erased = jdbc.queryForObject("select min(id) from profile where workspace_id = ? and id <> ?",
                Long.class, ws, profile);
        long erasure = call("DELETE", "/api/profiles/" + erased + "?workspace=" + ws, null, 202)
                .get("erasure").asLong();
        return new Rows(ws, merchant, connection, job, run.get("id").asLong(), profile, (String) customer.get("email"),
                deadLetter, destination, erasure);
    }
}
