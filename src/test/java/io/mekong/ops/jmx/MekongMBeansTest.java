package io.mekong.ops.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code mekong} MBeans as Hawtio reads and invokes them, through Jolokia over HTTP: each shows the figures the
 * API shows for its row, appears when its row is created and disappears when it is deleted; the sync job's
 * operations start a run that finishes, and stop and restart its schedule. Only admins and operators reach them.
 */
class MekongMBeansTest extends HubIntegrationTest {

    static final String WORKSPACE = "ws-jmx";
    static final String OPERATOR = "jmx-operator";
    static final String PASSWORD = "jmx-test-password";

    @Autowired
    AppUsers users;

    @BeforeEach
    void usersAndWorkspace() {
        jdbc.update("insert into workspace (id, name) values (?, ?) on conflict do nothing", WORKSPACE, WORKSPACE);
        ensureUser(OPERATOR, Role.OPERATOR, null);
        ensureUser("jmx-viewer", Role.VIEWER, null);
        ensureUser("jmx-merchant", Role.MERCHANT, WORKSPACE);
    }

    @Test
    void aSyncJobRunsPausesAndResumesFromItsMBeanWhichShowsWhatTheApiShows() {
        long syncId = connectionWithSync(WORKSPACE, "jmx-shop", SHOP, "VND", TOKEN);
        String job = "mekong:type=SyncJob,workspace=" + WORKSPACE + ",name=" + syncId;
        awaitMBean(job, true);

        long runId = exec(job, "runNow()").asLong();
        JsonNode run = awaitRun(runId);
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        JsonNode mbean = read(job);
        assertThat(mbean.get("Connection").asText()).isEqualTo("jmx-shop");
        assertThat(mbean.get("Streams")).extracting(JsonNode::asText).containsExactly("customers", "orders", "products");
        assertThat(mbean.get("LastRunId").asLong()).isEqualTo(runId);
        assertThat(mbean.get("LastRunStatus").asText()).isEqualTo("succeeded");
        assertThat(instant(mbean.get("LastRunStartedAt"))).isEqualTo(instant(run.get("startedAt")));
        assertThat(instant(mbean.get("LastRunFinishedAt"))).isEqualTo(instant(run.get("finishedAt")));
        for (String count : List.of("read", "inserted", "updated", "unchanged", "stale", "rejected")) {
            int sum = 0;
            for (JsonNode stream : run.get("streams")) {
                sum += stream.get(count).asInt();
            }
            String attribute = "LastRun" + Character.toUpperCase(count.charAt(0)) + count.substring(1);
            assertThat(mbean.get(attribute).asInt()).as(attribute).isEqualTo(sum);
        }
        assertThat(mbean.get("LastRunRead").asInt()).as("the shop's records were read").isPositive();

        call("PUT", "/api/syncs/" + syncId, Map.of("connection", "jmx-shop", "workspace", WORKSPACE,
                "streams", List.of("customers", "orders", "products"), "schedule", "@every 1h", "enabled", true), 200);
        JsonNode scheduled = read(job);
        assertThat(scheduled.get("Enabled").asBoolean()).isTrue();
        assertThat(instant(scheduled.get("NextFireTime")))
                .isEqualTo(instant(call("GET", "/api/syncs/" + syncId, null, 200).get("nextRunAt")));

        exec(job, "pause()");
        JsonNode paused = call("GET", "/api/syncs/" + syncId, null, 200);
        assertThat(paused.get("enabled").asBoolean()).isFalse();
        assertThat(paused.hasNonNull("nextRunAt")).as("no fire time once paused").isFalse();
        JsonNode pausedMBean = read(job);
        assertThat(pausedMBean.get("Enabled").asBoolean()).isFalse();
        assertThat(pausedMBean.hasNonNull("NextFireTime")).isFalse();

        exec(job, "resume()");
        JsonNode resumed = call("GET", "/api/syncs/" + syncId, null, 200);
        assertThat(resumed.get("enabled").asBoolean()).isTrue();
        assertThat(instant(resumed.get("nextRunAt"))).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(instant(read(job).get("NextFireTime"))).isEqualTo(instant(resumed.get("nextRunAt")));

        call("DELETE", "/api/syncs/" + syncId, null, 204);
        awaitMBean(job, false);
    }

    @Test
    void hawtiosOperationsTabListsTheActionsNotTheFiguresGetters() throws Exception {
        long syncId = connectionWithSync(WORKSPACE, "jmx-ops-shop", SHOP, "VND", TOKEN);
        String job = "mekong:type=SyncJob,workspace=" + WORKSPACE + ",name=" + syncId;
        awaitMBean(job, true);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();

        MBeanInfo info = server.getMBeanInfo(new ObjectName(job));
        assertThat(info.getOperations()).extracting(MBeanOperationInfo::getName)
                .containsExactlyInAnyOrder("runNow", "pause", "resume");
        assertThat(info.getAttributes()).extracting(MBeanAttributeInfo::getName).contains("LastRunStatus", "Enabled");
        assertThat(server.getAttribute(new ObjectName(job), "Connection")).as("read through the getter it no longer lists")
                .isEqualTo("jmx-ops-shop");
        assertThat(server.getMBeanInfo(new ObjectName("mekong:type=DeadLetters")).getOperations()).isEmpty();
    }

    @Test
    void aConnectionMBeanShowsItsRateLimitBudgetAndLastErrorWithoutSecrets() {
        long good = connectionWithSync(WORKSPACE, "jmx-budget", SHOP, "VND", TOKEN);
        String budget = "mekong:type=Connection,workspace=" + WORKSPACE + ",name=jmx-budget";
        awaitMBean(budget, true);
        assertThat(read(budget).get("Connector").asText()).isEqualTo("shopify");
        assertThat(runToEnd(good).get("status").asText()).isEqualTo("succeeded");
        JsonNode learnt = read(budget);
        assertThat(learnt.get("RateLimitUnit").asText()).isEqualTo("cost points");
        assertThat(learnt.get("RateLimitMaximum").asDouble()).isPositive();
        assertThat(learnt.get("RateLimitRestoredPerSecond").asDouble()).isPositive();
        assertThat(learnt.get("RateLimitAvailable").asDouble()).isBetween(0.0, learnt.get("RateLimitMaximum").asDouble());
        assertThat(learnt.hasNonNull("LastError")).isFalse();

        String wrongToken = "shpat_wrong_0123456789";
        long bad = connectionWithSync(WORKSPACE, "jmx-refused", SHOP, "VND", wrongToken);
        String refused = "mekong:type=Connection,workspace=" + WORKSPACE + ",name=jmx-refused";
        awaitMBean(refused, true);
        JsonNode run = runToEnd(bad);
        assertThat(run.get("status").asText()).isEqualTo("failed");
        JsonNode failing = read(refused);
        assertThat(failing.get("LastError").asText()).isEqualTo(run.get("error").asText());
        assertThat(instant(failing.get("LastErrorAt"))).isEqualTo(instant(run.get("finishedAt")));
        assertThat(failing.get("LastErrorRunId").asLong()).isEqualTo(run.get("id").asLong());
        assertThat(failing.toString()).doesNotContain(wrongToken);

        call("DELETE", "/api/syncs/" + bad, null, 204);
        call("DELETE", "/api/connections/jmx-refused?workspace=" + WORKSPACE, null, 204);
        awaitMBean(refused, false);
    }

    @Test
    void aDestinationMBeanShowsTheFiguresOfTheApiAndGoesWithItsRow() {
        call("POST", "/api/connections", Map.of("id", "jmx-hook", "workspace", WORKSPACE, "connector", "webhook",
                "params", Map.of("url", "http://localhost:" + port + "/sandbox/hooks/merchant"),
                "secrets", Map.of("signingSecret", "jmx-hook-secret")), 201);
        call("POST", "/api/destinations", Map.of("id", "jmx-hook", "workspace", WORKSPACE, "connection", "jmx-hook",
                "deliver", List.of("events"), "enabled", false), 201);
        String destination = "mekong:type=Destination,workspace=" + WORKSPACE + ",name=jmx-hook";
        awaitMBean(destination, true);

        // lag is asked of Kafka at most every few seconds: read both until they come from the same answer
        JsonNode api = await("the MBean and the API agree", () -> {
            JsonNode mbean = read(destination);
            JsonNode shown = call("GET", "/api/destinations/jmx-hook?workspace=" + WORKSPACE, null, 200);
            return mbean.get("Lag").equals(shown.get("lag")) ? shown : null;
        }, shown -> shown != null);
        JsonNode mbean = read(destination);
        assertThat(mbean.get("Status").asText()).isEqualTo(api.get("status").asText()).isEqualTo("disabled");
        assertThat(mbean.get("Delivered").asLong()).isEqualTo(api.get("delivered").asLong());
        assertThat(mbean.get("Failed").asLong()).isEqualTo(api.get("failed").asLong());
        assertThat(mbean.get("DeadLetters").asInt()).isEqualTo(api.get("deadLetters").asInt());
        assertThat(read("mekong:type=DeadLetters").has("OpenByDestination")).isTrue();

        call("DELETE", "/api/destinations/jmx-hook?workspace=" + WORKSPACE, null, 204);
        awaitMBean(destination, false);
    }

    @Test
    void onlyAdminsAndOperatorsReachTheMBeans() {
        String request = "{\"type\":\"search\",\"mbean\":\"mekong:*\"}";
        assertThat(send("POST", "/actuator/jolokia", request, OPERATOR, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/actuator/jolokia", request, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        for (String refused : List.of("jmx-viewer", "jmx-merchant")) {
            assertThat(send("POST", "/actuator/jolokia", request, refused, PASSWORD).statusCode()).isEqualTo(403);
            assertThat(send("POST", "/actuator/jolokia", "{\"type\":\"exec\",\"mbean\":"
                    + "\"mekong:type=DeadLetters\",\"operation\":\"track(java.lang.String)\",\"arguments\":[\"x\"]}",
                    refused, PASSWORD).statusCode()).isEqualTo(403);
        }
    }

    private void ensureUser(String name, Role role, String workspace) {
        if (!users.exists(name)) {
            users.create(name, PASSWORD, role, workspace);
        }
    }

    private JsonNode read(String mbean) {
        return jolokia(Map.of("type", "read", "mbean", mbean));
    }

    private JsonNode exec(String mbean, String operation) {
        return jolokia(Map.of("type", "exec", "mbean", mbean, "operation", operation));
    }

    /** A Jolokia request as the operator; returns its value, failing on any error Jolokia reports. */
    private JsonNode jolokia(Map<String, Object> request) {
        var response = send("POST", "/actuator/jolokia", request, OPERATOR, PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("status").asInt()).as("%s -> %s", request, answer).isEqualTo(200);
            return answer.get("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitMBean(String name, boolean present) {
        await(name + (present ? " registered" : " unregistered"), () -> jolokia(Map.of("type", "search", "mbean", name)),
                found -> (found.size() == 1) == present);
    }

    /** Waits (30 s at most) until {@code done} holds for what {@code probe} returns, and returns that. */
    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + value);
            }
            sleep(200);
        }
    }

    private static Instant instant(JsonNode value) {
        return value == null || value.isNull() ? null : Instant.parse(value.asText()).truncatedTo(ChronoUnit.MILLIS);
    }
}
