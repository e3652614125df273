package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds every schedule keeps: no overflow, nothing closer than the shortest interval, cron lines included. */
class ScheduleTest {

    @Test
    void anEveryIntervalIsBoundedOnBothSidesWithoutOverflow() {
        assertThat(Schedule.parse("@every 10s").interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Schedule.parse("@every 366d").interval()).isEqualTo(Duration.ofDays(366));
        assertThatThrownBy(() -> Schedule.parse("@every 9s")).hasMessage("schedule \"@every 9s\" is shorter than 10s");
        assertThatThrownBy(() -> Schedule.parse("@every 367d")).hasMessage("schedule \"@every 367d\" is longer than 366 days");
        assertThatThrownBy(() -> Schedule.parse("@every 9999999999999999d"))
                .hasMessage("schedule \"@every 9999999999999999d\" is longer than 366 days");
        assertThatThrownBy(() -> Schedule.parse("@every 99999999999999999999999999999s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 366 days");
    }

    @Test
    void aCronLineFiringCloserThanTheShortestIntervalIsRefused() {
        assertThatThrownBy(() -> Schedule.parse("* * * * * ?"))
                .hasMessage("schedule \"* * * * * ?\" fires 1s apart; the shortest interval is 10s");
        assertThatThrownBy(() -> Schedule.parse("0/9 * * * * ?")).as(":54 then the next minute's :00")
                .hasMessageContaining("fires 6s apart");
        assertThatThrownBy(() -> Schedule.parse("0,55 * * * * ?")).as("across the minute: :55 then :00")
                .hasMessageContaining("fires 5s apart");
        assertThatThrownBy(() -> Schedule.parse("0,3 0 0 29 2 ?")).as("only on leap days, years apart")
                .hasMessageContaining("fires 3s apart");
        assertThat(Schedule.parse("0/10 * * * * ?")).hasToString("0/10 * * * * ?");
        assertThat(Schedule.parse("* * * * *")).as("a Unix line fires a minute apart at most").hasToString("* * * * *");
    }

    @Test
    void aCronLineThatNeverFiresIsRefused() {
        assertThatThrownBy(() -> Schedule.parse("0 0 0 30 2 ?")).hasMessage("schedule \"0 0 0 30 2 ?\" never fires");
        assertThatThrownBy(() -> Schedule.parse("0 0 0 1 1 ? 2001")).hasMessageContaining("never fires");
    }
}
