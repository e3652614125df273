package io.mekong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A customer deleted in Magento, which tells no one, found by the customers stream's sweep and kept as a tombstone. */
class DeletionSweepTest extends HubIntegrationTest {


    @Test
    void aCustomerDeletedInTheStoreBecomesATombstoneAtTheFirstSweepDueAfterIt() {
        magentoConnection("sweep-magento", Map.of());
        long sync = call("POST", "/api/syncs", Map.of("connection", "sweep-magento", "streams", List.of("customers")), 201)
                .get("id").asLong();
        JsonNode first = runToEnd(sync);
        int customers = stream(first, "customers").get("inserted").asInt();
        assertThat(customers).isPositive();
        assertThat(stream(first, "customers").get("deleted").asInt()).isZero();

        long gone = magento.store("default").customers().get(3).get("id").asLong();
        magento.store("default").deleteCustomer(gone);
        JsonNode notDue = runToEnd(sync);
        assertThat(stream(notDue, "customers").get("deleted").asInt()).as("swept less than 6 hours ago").isZero();
        assertThat(deleted(gone)).isFalse();

        jdbc.update("update checkpoint set state = jsonb_build_object('sweptAt', ?::text)"
                + " where connection_id = 'sweep-magento' and stream = 'customers#sweep'",
                java.time.Instant.now().minus(java.time.Duration.ofHours(7)).toString());
        JsonNode due = runToEnd(sync);

        assertThat(due.get("status").asText()).isEqualTo("succeeded");
        assertThat(stream(due, "customers").get("deleted").asInt()).isEqualTo(1);
        assertThat(deleted(gone)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from customer where connection_id = 'sweep-magento' and not deleted",
                Integer.class)).isEqualTo(customers - 1);
    }

    private boolean deleted(long customerId) {
        return jdbc.queryForObject("select deleted from customer where connection_id = 'sweep-magento' and external_id = ?",
                Boolean.class, Long.toString(customerId));
    }
}
