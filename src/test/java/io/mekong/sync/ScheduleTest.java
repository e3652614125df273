package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** The bounds every schedule keeps: no overflow, nothing closer than the shortest interval, cron lines included. */
class ScheduleTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void anEveryIntervalIsBoundedOnBothSidesWithoutOverflow() {
        assertThat(Schedule.parse("@every 10s", UTC).interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Schedule.parse("@every 366d", UTC).interval()).isEqualTo(Duration.ofDays(366));
        assertThatThrownBy(() -> Schedule.parse("@every 9s", UTC)).hasMessage("schedule \"@every 9s\" is shorter than 10s");
        assertThatThrownBy(() -> Schedule.parse("@every 367d", UTC)).hasMessage("schedule \"@every 367d\" is longer than 366 days");
        assertThatThrownBy(() -> Schedule.parse("@every 9999999999999999d", UTC))
                .hasMessage("schedule \"@every 9999999999999999d\" is longer than 366 days");
        assertThatThrownBy(() -> Schedule.parse("@every 99999999999999999999999999999s", UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 366 days");
    }

    @Test
    void aCronLineFiringCloserThanTheShortestIntervalIsRefused() {
        assertThatThrownBy(() -> Schedule.parse("* * * * * ?", UTC))
                .hasMessage("schedule \"* * * * * ?\" fires 1s apart; the shortest interval is 10s");
        assertThatThrownBy(() -> Schedule.parse("0/9 * * * * ?", UTC)).as(":54 then the next minute's :00")
                .hasMessageContaining("fires 6s apart");
        assertThatThrownBy(() -> Schedule.parse("0,55 * * * * ?", UTC)).as("across the minute: :55 then :00")
                .hasMessageContaining("fires 5s apart");
        assertThatThrownBy(() -> Schedule.parse("0,3 0 0 29 2 ?", UTC)).as("only on leap days, years apart")
                .hasMessageContaining("fires 3s apart");
        assertThat(Schedule.parse("0/10 * * * * ?", UTC)).hasToString("0/10 * * * * ? in Z");
        assertThat(Schedule.parse("* * * * *", UTC)).as("a Unix line fires a minute apart at most").hasToString("* * * * * in Z");
    }

    @Test
    void aCronLineThatNeverFiresIsRefused() {
        assertThatThrownBy(() -> Schedule.parse("0 0 0 30 2 ?", UTC)).hasMessage("schedule \"0 0 0 30 2 ?\" never fires");
        assertThatThrownBy(() -> Schedule.parse("0 0 0 1 1 ? 2001", UTC)).hasMessageContaining("never fires");
    }

    @Test
    void aCronScheduleFiresAtItsTimesInTheJobsZone() {
        ZoneId saigon = ZoneId.of("Asia/Ho_Chi_Minh");
        Trigger trigger = TriggerBuilder.newTrigger().startAt(Date.from(Instant.parse("2026-01-01T00:00:00Z")))
                .withSchedule(Schedule.parse("30 8 * * *", saigon).quartzSchedule()).build();
        assertThat(trigger.getFireTimeAfter(Date.from(Instant.parse("2026-12-07T00:00:00Z"))).toInstant())
                .as("08:30 in Saigon is 01:30 UTC").isEqualTo(Instant.parse("2026-12-07T01:30:00Z"));
        assertThat(Schedule.parse("@daily", saigon)).hasToString("@daily in Asia/Ho_Chi_Minh");
        assertThat(Schedule.parse("@every 15m", saigon)).as("an interval has no zone").hasToString("@every 15m");
    }
}
