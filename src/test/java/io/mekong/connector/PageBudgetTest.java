package io.mekong.connector;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A run's budget: so many pages, so much time, each refused with the limit and its option named. */
class PageBudgetTest {

    private final FakeTime time = new FakeTime();

    @Test
    void thePageAfterTheLastAllowedIsRefused() {
        PageBudget budget = new PageBudget(2, Duration.ofHours(6), time);
        budget.spend();
        budget.spend();

        assertThatThrownBy(budget::spend).isInstanceOf(ConnectorException.class)
                .hasMessage("the run stopped at its limit of 2 API pages (mekong.sync.max-pages-per-run);"
                        + " the next run goes on from the last committed checkpoint");
    }

    @Test
    void aPageAskedForAfterTheRunsTimeIsRefused() {
        PageBudget budget = new PageBudget(1_000, Duration.ofHours(6), time);
        time.sleep(Duration.ofHours(6).minusSeconds(1));
        assertThatCode(budget::spend).doesNotThrowAnyException();

        time.sleep(Duration.ofSeconds(1));
        assertThatThrownBy(budget::spend).isInstanceOf(ConnectorException.class)
                .hasMessage("the run stopped at its time limit of PT6H (mekong.sync.max-run-duration);"
                        + " the next run goes on from the last committed checkpoint");
    }
}
