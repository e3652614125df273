package io.mekong.sink.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reporting consumer seen as the destinations are, through the real actuator endpoints and JMX: the health component
 * {@code reporting} with its lag, {@code mekong_reporting_lag} in Prometheus, the MBean {@code mekong:type=Reporting}.
 * Its poll made to fail for real (a reporting table it writes renamed away) turns it DOWN with the database's reason
 * until the table is back; its route stopped turns it OUT_OF_SERVICE until it is started again.
 */
class ReportingStatusHubTest extends HubIntegrationTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Pattern LAG_METRIC = Pattern.compile("(?m)^mekong_reporting_lag\\{[^}]*\\} (\\S+)$");

    @Autowired
    CamelContext camelContext;

    @Test
    void reportingShowsItsLagAndIsDownWhileItsPollFailsAndOutOfServiceWhileStopped() throws JMException {
        JsonNode up = awaitHealth(h -> h.at("/status").asText().equals("UP") && h.at("/details/lag").isNumber());
        assertThat(up.at("/details/route").asText()).isEqualTo("running");

        // every poll writes reporting.dim_customer: without it each one fails, and is tried again in place
        jdbc.execute("alter table reporting.dim_customer rename to dim_customer_away");
        try {
            runToEnd(connectionWithSync("ws-reporting-health", "rep-health-shop", SHOP, "VND", TOKEN));
            JsonNode down = awaitHealth(h -> h.at("/status").asText().equals("DOWN"));
            assertThat(down.at("/details/route").asText()).isEqualTo("failing");
            assertThat(down.at("/details/error").asText()).contains("dim_customer");
            assertThat(down.at("/details/attempts").asInt()).isPositive();
            assertThat(down.at("/details/lag").asLong()).as("the failing poll's events wait in Kafka").isPositive();
            assertThat(mbean("Status")).isEqualTo("failing");
            assertThat((String) mbean("Error")).contains("dim_customer");
            assertThat(lagMetric()).isPositive();
        } finally {
            jdbc.execute("alter table if exists reporting.dim_customer_away rename to dim_customer");
        }
        JsonNode caughtUp = awaitHealth(h -> h.at("/status").asText().equals("UP") && h.at("/details/lag").asLong(-1) == 0);
        assertThat(caughtUp.at("/details/error").isMissingNode()).isTrue();
        assertThat(mbean("Status")).isEqualTo("running");
        assertThat(mbean("Lag")).isEqualTo(0L);
        assertThat(mbean("Error")).isEqualTo("");
        assertThat(lagMetric()).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from reporting.dim_customer c join profile p on p.id = c.profile_id
                 where p.workspace_id = 'ws-reporting-health'""", Long.class))
                .as("the failed polls were applied once the table was back").isEqualTo(jdbc.queryForObject(
                        "select count(*) from profile where workspace_id = 'ws-reporting-health'", Long.class));

        try {
            camelContext.getRouteController().stopRoute(ReportingTrouble.ROUTE);
            JsonNode stopped = awaitHealth(h -> h.at("/status").asText().equals("OUT_OF_SERVICE"));
            assertThat(stopped.at("/details/route").asText()).isEqualTo("stopped");
            assertThat(mbean("Status")).isEqualTo("stopped");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            startReporting();
        }
        awaitHealth(h -> h.at("/status").asText().equals("UP"));
    }

    private void startReporting() {
        try {
            camelContext.getRouteController().startRoute(ReportingTrouble.ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reporting component of /actuator/health (as admin, who sees details), once it satisfies {@code done}. */
    private JsonNode awaitHealth(Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode reporting = null;
        while (Instant.now().isBefore(deadline)) {
            // a DOWN or OUT_OF_SERVICE component makes the whole health 503, with the same body
            HttpResponse<String> response = send("GET", "/actuator/health", null, "admin", ADMIN_PASSWORD);
            try {
                reporting = JSON.readTree(response.body()).at("/components/reporting");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (done.test(reporting)) {
                return reporting;
            }
            sleep(200);
        }
        throw new AssertionError("waited " + PATIENCE + " for the reporting health; last: " + reporting);
    }

    private double lagMetric() {
        String scrape = send("GET", "/actuator/prometheus", null, "admin", ADMIN_PASSWORD).body();
        Matcher lag = LAG_METRIC.matcher(scrape);
        assertThat(lag.find()).as("mekong_reporting_lag in the scrape").isTrue();
        return Double.parseDouble(lag.group(1));
    }

    private static Object mbean(String attribute) throws JMException {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName("mekong:type=Reporting"), attribute);
    }
}
