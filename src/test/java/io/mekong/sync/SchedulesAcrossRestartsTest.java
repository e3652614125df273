package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A restart runs the scheduler's start-up path ({@link SyncScheduler#reconcile()}) over every stored job: a trigger
 * whose schedule is unchanged keeps its stored next fire time, so no {@code @every} job is pushed back a full interval.
 */
class SchedulesAcrossRestartsTest extends HubIntegrationTest {

    @Autowired
    SyncScheduler scheduler;
    @Autowired
    Scheduler quartz;

    @Test
    void aStartKeepsTheStoredNextFireOfAnUnchangedScheduleAndAnEditOfTheScheduleMovesIt() throws Exception {
        call("POST", "/api/connections", Map.of("id", "restart-schedule", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        long id = call("POST", "/api/syncs", Map.of("connection", "restart-schedule", "streams", List.of("orders"),
                "schedule", "@every 1h"), 201).get("id").asLong();
        // 53 minutes of the hour have passed: the stored trigger is due in 7 minutes
        Date due = Date.from(Instant.now().plus(Duration.ofMinutes(7)));
        Trigger stored = quartz.getTrigger(TriggerKey.triggerKey("sync-" + id, "sync"));
        quartz.rescheduleJob(stored.getKey(), TriggerBuilder.newTrigger().withIdentity(stored.getKey())
                .forJob(JobKey.jobKey("sync-" + id, "sync")).withDescription(stored.getDescription()).startAt(due)
                .withSchedule(Schedule.parse("@every 1h", java.time.ZoneOffset.UTC).quartzSchedule()).build());

        scheduler.reconcile();

        assertThat(scheduler.nextFire(id)).as("the fire due in 7 minutes stays").isEqualTo(due);
        call("PUT", "/api/syncs/" + id, Map.of("connection", "restart-schedule", "streams", List.of("orders", "customers"),
                "schedule", "@every 1h"), 200);
        assertThat(scheduler.nextFire(id)).as("an edit of the streams alone keeps it too").isEqualTo(due);

        Instant beforeEdit = Instant.now();
        call("PUT", "/api/syncs/" + id, Map.of("connection", "restart-schedule", "streams", List.of("orders"),
                "schedule", "@every 2h"), 200);
        assertThat(scheduler.nextFire(id).toInstant()).as("a new schedule starts anew")
                .isAfterOrEqualTo(beforeEdit.plus(Duration.ofHours(2)));
    }

    @Test
    void aStoredScheduleThatIsNowRefusedLeavesItsJobUnscheduledAndTheStartGoesOn() throws Exception {
        call("POST", "/api/connections", Map.of("id", "restart-refused", "connector", "shopify",
                "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", TOKEN)), 201);
        long id = call("POST", "/api/syncs", Map.of("connection", "restart-refused", "streams", List.of("orders"),
                "schedule", "@every 1h"), 201).get("id").asLong();
        // written before cron lines had the shortest interval too
        jdbc.update("update sync_job set schedule = '* * * * * ?' where id = ?", id);

        try {
            scheduler.reconcile();

            assertThat(scheduler.nextFire(id)).isNull();
            assertThat(call("GET", "/api/syncs/" + id, null, 200).get("schedule").asText()).isEqualTo("* * * * * ?");
        } finally {
            call("DELETE", "/api/syncs/" + id, null, 204); // the context is shared: leave no refused schedule behind
        }
    }
}
