package io.mekong.sink.reporting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mekong.sink.ConsumerLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * How the reporting consumer (routes/reporting.yaml) is doing, as the destinations show theirs: its consumer lag for
 * Prometheus ({@code mekong_reporting_lag}) and Hawtio (the MBean {@code mekong:type=Reporting}), and the health
 * component {@code reporting}: UP while its route runs, DOWN while a poll fails and is tried again, OUT_OF_SERVICE while
 * the route is stopped or not loaded. Its group and topics are read from the route's Kafka endpoint, so an edited route
 * file is measured as it is; the lag is asked of Kafka at most every few seconds.
 */
// named so that health shows it as "reporting"
@Component("reportingHealthIndicator")
@ManagedResource(objectName = "mekong:type=Reporting", description = "The BI reporting consumer: status and lag")
public class ReportingStatus implements HealthIndicator {

    private static final String LAG = "lag";
    private static final String MISSING = "missing";
    private static final String RUNNING = "running";
    private static final String FAILING = "failing";

    private final CamelContext camel;
    private final ConsumerLag lag;
    private final ReportingTrouble trouble;
    private final Cache<String, Optional<Long>> lags = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(3)).build();

    public ReportingStatus(CamelContext camel, ConsumerLag lag, ReportingTrouble trouble, MeterRegistry registry) {
        this.camel = camel;
        this.lag = lag;
        this.trouble = trouble;
        Gauge.builder("mekong.reporting.lag", () -> {
            Long value = lag();
            return value == null ? Double.NaN : value;
        }).description("Events of the reporting consumer's topics not applied to the reporting schema yet").register(registry);
    }

    @Override
    public Health health() {
        String state = state();
        Health.Builder health = switch (state) {
            case MISSING -> Health.outOfService().withDetail("error", "route '" + ReportingTrouble.ROUTE
                    + "' is not loaded (routes/reporting.yaml): nothing keeps the reporting schema up to date");
            case RUNNING -> Health.up();
            case FAILING -> {
                ReportingTrouble.Failing failing = trouble.failing();
                Health.Builder down = Health.down();
                if (failing != null) { // null if the poll got through since state() looked
                    down.withDetail("error", failing.reason()).withDetail("attempts", failing.attempts())
                            .withDetail("failingSince", failing.since().toString());
                }
                yield down;
            }
            default -> Health.outOfService();
        };
        health.withDetail("route", state);
        Long behind = lag();
        if (behind != null) {
            health.withDetail(LAG, behind);
        }
        return health.build();
    }

    /** running, failing (a poll is tried again), missing (no such route), or the route's own status: stopped, ... */
    private String state() {
        ServiceStatus status = camel.getRouteController().getRouteStatus(ReportingTrouble.ROUTE);
        if (camel.getRoute(ReportingTrouble.ROUTE) == null || status == null) {
            return MISSING;
        }
        if (!status.isStarted()) {
            return status.name().toLowerCase(Locale.ROOT);
        }
        return trouble.failing() != null ? FAILING : RUNNING;
    }

    /** Events of its topics the reporting consumer has not applied; null while Kafka does not answer or the route has none. */
    public Long lag() {
        Route route = camel.getRoute(ReportingTrouble.ROUTE);
        if (route == null || !(route.getEndpoint() instanceof KafkaEndpoint kafka)) {
            return null;
        }
        String group = kafka.getConfiguration().getGroupId();
        List<String> topics = Arrays.stream(kafka.getConfiguration().getTopic().split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        return lags.get(group, g -> Optional.ofNullable(lag.of(g, topics))).orElse(null);
    }

    @ManagedAttribute(description = "running, failing (a poll is tried again), stopped, or missing (no route loaded)")
    public String getStatus() {
        return state();
    }

    @ManagedAttribute(description = "Events not applied to the reporting schema yet; -1 when Kafka does not answer")
    public long getLag() {
        Long behind = lag();
        return behind == null ? -1 : behind;
    }

    @ManagedAttribute(description = "Why the reporting poll fails now; empty when it does not")
    public String getError() {
        ReportingTrouble.Failing failing = trouble.failing();
        return failing == null ? "" : failing.reason();
    }
}
