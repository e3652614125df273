package io.mekong.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.identity.consent.Consents;
import io.mekong.testing.TestDatabase;
import io.mekong.testing.TestProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A profile gone from the store is published as removed, naming the live profile its people went to (docs/events.md,
 * "mergedInto"): through a chain of merges, the last; none when its people went nowhere.
 */
class RemovedProfileEventTest {

    @Test
    void aRemovedProfileNamesTheLiveEndOfItsMergesAndOneEmptiedNamesNone() throws Exception {
        JdbcTemplate jdbc = TestDatabase.freshWorkspace("ws-removed", "shop-removed");
        jdbc.update("delete from outbox");
        long first = profile(jdbc);
        long second = profile(jdbc);
        long survivor = profile(jdbc);
        long emptied = profile(jdbc);
        // first merged into second, which was merged into the survivor later; emptied lost its last identity
        successor(jdbc, first, second);
        successor(jdbc, second, survivor);
        jdbc.update("delete from profile where id in (?, ?, ?)", first, second, emptied);
        for (long id : new long[] {first, second, survivor, emptied}) {
            jdbc.update("insert into outbox (workspace_id, topic, subject) values ('ws-removed', ?, ?)",
                    Topic.PROFILES.id(), Long.toString(id));
        }

        OutboxRelay relay = new OutboxRelay(jdbc, new Snapshots(jdbc, new Consents(jdbc)), new Leases(jdbc),
                TestProperties.of(Map.of()));
        Map<Long, JsonNode> events = new HashMap<>();
        for (OutboxRelay.Event event : relay.claim(100, Duration.ofMinutes(1)).events()) {
            JsonNode envelope = Events.JSON.readTree(event.json());
            events.put(envelope.at("/data/profileId").asLong(), envelope);
        }

        assertThat(events.get(first).get("type").asText()).isEqualTo("io.mekong.profile.removed");
        assertThat(events.get(first).at("/data/mergedInto").asLong()).isEqualTo(survivor);
        assertThat(events.get(second).at("/data/mergedInto").asLong()).isEqualTo(survivor);
        assertThat(events.get(survivor).get("type").asText()).isEqualTo("io.mekong.profile.changed");
        assertThat(events.get(emptied).get("type").asText()).isEqualTo("io.mekong.profile.removed");
        assertThat(events.get(emptied).at("/data/mergedInto").isMissingNode()).as("its people went nowhere").isTrue();
    }

    private static long profile(JdbcTemplate jdbc) {
        return jdbc.queryForObject("insert into profile (workspace_id) values ('ws-removed') returning id", Long.class);
    }

    private static void successor(JdbcTemplate jdbc, long profile, long successor) {
        jdbc.update("insert into profile_successor (profile_id, successor_id, workspace_id) values (?, ?, 'ws-removed')",
                profile, successor);
    }
}
