package io.mekong.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mekong.connector.FakeTime;
import io.mekong.sandbox.FaultPlan;
import io.mekong.testing.Fixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every object the simulator serves has exactly the top-level fields of Stripe's own sample (stripe-mock's fixtures3.json). */
class StripeObjectShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"customer", "payment_intent", "charge", "refund", "balance_transaction", "event"})
    void simulatedObjectsHaveTheFixturesFields(String type) throws IOException {
        JsonNode fixture = JSON.readTree(Fixtures.vendor("stripe").resolve("fixtures3.json").toFile()).at("/resources/" + type);
        FakeTime time = StripeTestAccounts.clockAfterSeed();
        StripeAccount account = StripeTestAccounts.vnd(time, FaultPlan.NONE);
        account.refund(account.snapshot("charge").stream().filter(c -> c.get("paid").asBoolean()
                && c.get("amount_refunded").asLong() == 0).findFirst().orElseThrow().get("id").asText(), 1000, null);
        time.sleep(Duration.ofDays(1));

        assertThat(account.snapshot(type)).isNotEmpty().allSatisfy(o ->
                assertThat(fields(o)).as("%s %s", type, o.get("id")).isEqualTo(fields(fixture)));
    }

    private static Set<String> fields(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
