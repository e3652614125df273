package io.mekong.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.BusReader;
import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A sync's changes reach Kafka through the outbox and the relay: every order, product and profile of the synced shop
 * is published as it is stored, in CloudEvents envelopes, and the outbox empties.
 */
class OutboxRelayHubTest extends HubIntegrationTest {

    @Autowired
    BusTopics topics;

    @Test
    void everyOrderProductAndProfileOfASyncIsPublishedAsStoredAndTheOutboxEmpties() {
        String connection = "bus-relay-shop";
        runToEnd(connectionWithSync(connection, TOKEN));
        Map<String, Long> totals = new HashMap<>();
        jdbc.query("select external_id, total_minor from sales_order where connection_id = ?",
                rs -> {
                    totals.put(rs.getString(1), rs.getLong(2));
                }, connection);
        Set<String> products = new HashSet<>(jdbc.queryForList(
                "select external_id from product where connection_id = ?", String.class, connection));
        Map<Long, String> profileEmails = new HashMap<>();
        jdbc.query("""
                select p.id, p.golden ->> 'email' from profile p
                 where exists (select 1 from identity i where i.profile_id = p.id and i.connection_id = ?)""",
                rs -> {
                    profileEmails.put(rs.getLong(1), rs.getString(2));
                }, connection);
        // the shop is shared with other tests, some of which delete orders: what counts is what is stored
        assertThat(totals).isNotEmpty();
        assertThat(profileEmails).isNotEmpty();

        List<JsonNode> events = BusReader.read(topics.bootstrapServers(),
                List.of(topics.name(Topic.ORDERS), topics.name(Topic.PRODUCTS), topics.name(Topic.PROFILES)),
                event -> event.path("subject").asText().startsWith(connection + "/")
                        || event.path("type").asText().startsWith("io.mekong.profile.")
                        && profileEmails.containsKey(event.at("/data/profileId").asLong()),
                read -> latest(read, "io.mekong.order.changed").keySet().containsAll(totals.keySet())
                        && latest(read, "io.mekong.product.changed").keySet().containsAll(products)
                        // a profile of the shared default workspace has older events, from other tests' connections:
                        // read on until each one's latest shows this sync's identity
                        && profileEmails.keySet().stream().allMatch(id -> {
                            JsonNode profile = latest(read, "io.mekong.profile.changed").get(String.valueOf(id));
                            return profile != null && profile.at("/data/identities").findValuesAsText("connection")
                                    .contains(connection);
                        }),
                Duration.ofMinutes(2));

        Map<String, JsonNode> orders = latest(events, "io.mekong.order.changed");
        assertThat(orders.keySet()).containsAll(totals.keySet());
        totals.forEach((id, total) -> {
            JsonNode order = orders.get(id);
            assertThat(order.at("/data/totalMinor").asLong()).as("order %s total", id).isEqualTo(total);
            assertThat(order.at("/data/connection").asText()).isEqualTo(connection);
            assertThat(order.at("/data/lines").isArray()).isTrue();
        });
        JsonNode order = orders.values().iterator().next();
        assertThat(order.get("specversion").asText()).isEqualTo("1.0");
        assertThat(order.get("dataschema").asText()).isEqualTo("mekong:order:1");
        assertThat(order.get("workspace").asText()).isEqualTo("default");
        assertThat(order.get("source").asText()).isEqualTo("mekong:default");
        assertThat(order.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(order.get("sequence").asLong()).isPositive();

        assertThat(latest(events, "io.mekong.product.changed").keySet()).containsAll(products);
        Map<String, JsonNode> profiles = latest(events, "io.mekong.profile.changed");
        profileEmails.forEach((id, email) -> {
            JsonNode profile = profiles.get(String.valueOf(id));
            assertThat(profile).as("profile %s published", id).isNotNull();
            assertThat(profile.at("/data/email").asText(null)).isEqualTo(email);
            assertThat(profile.at("/data/identities").findValuesAsText("connection")).contains(connection);
            assertThat(profile.at("/data/totals/orders").isNumber()).isTrue();
            assertThat(profile.at("/data/sources").isMissingNode()).as("survivorship detail stays home").isTrue();
        });
        assertThat(events.stream().map(e -> e.get("id").asText()).collect(Collectors.toSet()))
                .as("no event published twice").hasSize(events.size());
        awaitEmptyOutbox();
    }

    @Test
    void healthAndTheBusMBeanShowTheBrokerAndTheRelaysBacklog() throws Exception {
        JsonNode health = call("GET", "/actuator/health", null, 200);
        assertThat(health.at("/components/bus/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/bus/details/bootstrap").asText()).isEqualTo(topics.bootstrapServers());
        assertThat(health.at("/components/bus/details/brokers").asInt()).isEqualTo(1);
        assertThat(health.at("/components/bus/details/outboxRows").isNumber()).isTrue();
        Object rows = java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new javax.management.ObjectName("mekong:type=Bus"), "OutboxRows");
        assertThat(rows).isInstanceOf(Long.class);
    }

    /** The last event of each subject of a type, by its record's external id or its profile id. */
    private static Map<String, JsonNode> latest(List<JsonNode> events, String type) {
        Map<String, JsonNode> latest = new HashMap<>();
        for (JsonNode event : events) {
            if (event.get("type").asText().equals(type)) {
                JsonNode data = event.get("data");
                latest.put(data.has("profileId") && type.startsWith("io.mekong.profile.")
                        ? data.get("profileId").asText() : data.path("externalId").asText(), event);
            }
        }
        return latest;
    }

    private void awaitEmptyOutbox() {
        for (int i = 0; i < 100; i++) {
            if (jdbc.queryForObject("select count(*) from outbox", Long.class) == 0) {
                return;
            }
            sleep(100);
        }
        assertThat(jdbc.queryForObject("select count(*) from outbox", Long.class)).as("outbox rows left").isZero();
    }
}
