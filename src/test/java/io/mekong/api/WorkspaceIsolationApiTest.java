package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.MerchantWorkspaces;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API's writes on another workspace's rows, the part of issue 18's isolation no other API test covered: a merchant
 * changing, deleting, running or replaying a row of another workspace gets a 404, as for a row that does not exist,
 * and the row is as it was; destinations, reads included. (Reads of connections, jobs, runs, profiles and dead letters
 * are ApiTest's, ConnectionIdsPerWorkspaceTest's, ProfileApiTest's and DeadLetterApiTest's.)
 */
class WorkspaceIsolationApiTest extends MerchantWorkspaces {

    WorkspaceIsolationApiTest() {
        super("iso-api");
    }

    @Test
    void anotherWorkspacesConnectionIsNeitherChangedNorDeletedNorTested() {
        String path = "/api/connections/" + other.connection();
        for (String query : List.of("", "?workspace=" + other.workspace())) {
            refused("PUT", path + query, Map.of("name", "Taken over",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl())));
            refused("DELETE", path + query, null);
            refused("POST", path + "/test" + query, null);
        }
        assertThat(jdbc.queryForMap("select name, params ->> 'baseUrl' as base_url from connection"
                + " where workspace_id = ? and api_id = ?", other.workspace(), other.connection()))
                .containsEntry("name", other.connection()).containsEntry("base_url", shopBaseUrl());
    }

    @Test
    void anotherWorkspacesSyncJobIsNeitherChangedNorDeletedNorRun() {
        long runs = runsOf(other.job());
        String path = "/api/syncs/" + other.job();
        refused("PUT", path, Map.of("connection", other.connection(), "streams", List.of("orders"), "enabled", false));
        refused("DELETE", path, null);
        refused("POST", path + "/run", null);
        refused("POST", "/api/syncs", Map.of("connection", other.connection(), "workspace", other.workspace(),
                "streams", List.of("orders")));

        assertThat(jdbc.queryForMap("select enabled, streams::text as streams from sync_job where id = ?", other.job()))
                .containsEntry("enabled", true).containsEntry("streams", "{customers,orders,products}");
        assertThat(runsOf(other.job())).as("no run started").isEqualTo(runs);
    }

    @Test
    void anotherWorkspacesCustomerIsNotErased() {
        refused("DELETE", "/api/profiles/" + other.profile(), null);
        refused("DELETE", "/api/profiles/" + other.profile() + "?workspace=" + other.workspace(), null);
        assertThat(jdbc.queryForObject("select count(*) from erasure_request where profile_id = ?", Integer.class,
                other.profile())).isZero();
        assertThat(jdbc.queryForObject("select golden ->> 'email' from profile where id = ?", String.class,
                other.profile())).isEqualTo(other.email());
    }

    @Test
    void anotherWorkspacesDeadLetterIsNeitherEditedNorReplayed() {
        refused("PUT", "/api/dead-letters/" + other.deadLetter(), Map.of("id", 1));
        refused("POST", "/api/dead-letters/replay?connection=" + other.connection(), null);
        refused("POST", "/api/dead-letters/replay?workspace=" + other.workspace(), null);
        assertThat(jdbc.queryForMap("select status, attempts, payload::text as payload from dead_letter where id = ?",
                other.deadLetter())).containsEntry("status", "open").containsEntry("attempts", 0)
                .containsEntry("payload", "{\"id\": 1001}");
    }

    @Test
    void anotherWorkspacesDestinationIsNeitherSeenNorChangedNorDeleted() {
        assertThat(as("GET", "/api/destinations", null).body()).contains(own.destination())
                .doesNotContain(other.destination());
        refused("GET", "/api/destinations?workspace=" + other.workspace(), null);
        String path = "/api/destinations/" + other.destination();
        for (String query : List.of("", "?workspace=" + other.workspace())) {
            refused("GET", path + query, null);
            refused("PUT", path + query, Map.of("enabled", false));
            refused("DELETE", path + query, null);
        }
        refused("POST", "/api/destinations", Map.of("id", "iso-api-stolen", "workspace", other.workspace(),
                "connection", other.destination() + "-target", "deliver", List.of("erasures")));
        refused("POST", "/api/destinations", Map.of("id", "iso-api-stolen",
                "connection", other.destination() + "-target", "deliver", List.of("erasures")));

        assertThat(jdbc.queryForMap("select enabled, deliver::text as deliver from destination"
                + " where workspace_id = ? and api_id = ?", other.workspace(), other.destination()))
                .containsEntry("enabled", true).containsEntry("deliver", "{erasures}");
        assertThat(jdbc.queryForObject("select count(*) from destination where api_id = 'iso-api-stolen'",
                Integer.class)).isZero();
    }

    /** Asserts that {@code own}'s merchant gets a 404, as for a row that does not exist. */
    private void refused(String method, String path, Object body) {
        assertThat(as(method, path, body).statusCode()).as("%s %s", method, path).isEqualTo(404);
    }

    private HttpResponse<String> as(String method, String path, Object body) {
        return send(method, path, body, own.merchant(), MERCHANT_PASSWORD);
    }

    private long runsOf(long job) {
        return jdbc.queryForObject("select count(*) from sync_run where job_id = ?", Long.class, job);
    }
}
