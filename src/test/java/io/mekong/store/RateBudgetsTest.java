package io.mekong.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.connector.FakeTime;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import io.mekong.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class RateBudgetsTest {

    @Test
    void twoInstancesDrawOnOneBudgetPerConnection() {
        JdbcTemplate jdbc = TestDatabase.freshWorkspace("ws1", "c1");
        jdbc.update("insert into connection (id, workspace_id, connector, name) values ('c2', 'ws1', 'shopify', 'c2')");
        RateBudgets instanceA = new RateBudgets(new JdbcTemplate(TestDatabase.dataSource()));
        RateBudgets instanceB = new RateBudgets(new JdbcTemplate(TestDatabase.dataSource()));

        // 1 request/s with a burst of 2: two go at once, then each waits for the one before it, whichever instance asks
        assertThat(instanceA.take("c1", 1.0, 2)).isZero();
        assertThat(instanceB.take("c1", 1.0, 2)).isZero();
        Duration third = instanceB.take("c1", 1.0, 2);
        Duration fourth = instanceA.take("c1", 1.0, 2);
        // the milliseconds between these calls refill a little of the debt, never a whole token
        assertThat(third).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(fourth).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
        assertThat(instanceA.take("c2", 1.0, 2)).as("another connection has its own budget").isZero();
    }

    @Test
    void theInMemoryLedgerRefillsWithTimeUpToTheBurst() {
        FakeTime time = new FakeTime();
        InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(time);

        assertThat(ledger.take("c1", 2.0, 1)).isZero();
        assertThat(ledger.take("c1", 2.0, 1)).isEqualTo(Duration.ofMillis(500));
        time.sleep(Duration.ofSeconds(10));
        assertThat(ledger.take("c1", 2.0, 1)).as("a long pause refills only up to the burst").isZero();
        assertThat(ledger.take("c1", 2.0, 1)).isEqualTo(Duration.ofMillis(500));
    }
}
