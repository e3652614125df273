package io.mekong.sink;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mekong.bus.BusTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * How each destination is doing, for the API, Prometheus ({@code mekong_destination_lag}, {@code _delivered},
 * {@code _failed} and {@code _dead_letters}, tagged with the destination and its workspace) and Hawtio (the MBean
 * {@code mekong:type=Destinations}). Lag is asked of Kafka at most every few seconds per destination.
 */
@Component
@ManagedResource(objectName = "mekong:type=Destinations", description = "Destinations: lag, deliveries, failures")
public class DestinationStatus {

    private final Destinations destinations;
    private final ConsumerLag lag;
    private final BusTopics topics;
    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;
    private final Cache<Long, Optional<Long>> lags = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(3)).build();
    private final Set<Long> metered = ConcurrentHashMap.newKeySet();

    public DestinationStatus(Destinations destinations, ConsumerLag lag, BusTopics topics, JdbcTemplate jdbc,
                             MeterRegistry registry) {
        this.destinations = destinations;
        this.lag = lag;
        this.topics = topics;
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** @param status running, paused (its target is in trouble and the same events are tried again) or disabled */
    public record Now(String status, Long lag, int deadLetters) {
    }

    public Now of(Destinations.Stored stored) {
        Destination d = stored.destination();
        meter(d);
        String status = !d.enabled() ? "disabled" : stored.failingSince() != null ? "paused" : "running";
        return new Now(status, lag(d), deadLetters(d.id()));
    }

    public Long lag(Destination destination) {
        return lags.get(destination.id(), id -> Optional.ofNullable(lag.of("mekong.destination." + id,
                Subscriptions.topics(destination.deliver()).stream().map(topics::name).toList()))).orElse(null);
    }

    private int deadLetters(long id) {
        return jdbc.queryForObject("select count(*) from dead_letter where destination_id = ? and status = 'open'",
                Integer.class, id);
    }

    /** Registers the destination's gauges once; they read the database (and Kafka, for lag) at each scrape. */
    void meter(Destination d) {
        if (!metered.add(d.id())) {
            return;
        }
        String[] tags = {"destination", d.apiId(), "workspace", d.workspaceId()};
        Gauge.builder("mekong.destination.lag", () -> {
            Long value = destinations.find(d.id()).map(s -> lag(s.destination())).orElse(null);
            return value == null ? Double.NaN : value;
        }).tags(tags).description("Events of the destination's topics not delivered yet").register(registry);
        Gauge.builder("mekong.destination.delivered", () -> destinations.find(d.id()).map(s -> (double) s.delivered())
                .orElse(Double.NaN)).tags(tags).description("Events the destination's target took").register(registry);
        Gauge.builder("mekong.destination.failed", () -> destinations.find(d.id()).map(s -> (double) s.failed())
                .orElse(Double.NaN)).tags(tags).description("Events the destination's target refused for good")
                .register(registry);
        Gauge.builder("mekong.destination.dead.letters", () -> deadLetters(d.id())).tags(tags)
                .description("Open dead letters of the destination").register(registry);
    }

    @ManagedAttribute(description = "Per destination (workspace/id): status, lag, delivered, failed, open dead letters")
    public Map<String, String> getDestinations() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Destinations.Stored stored : destinations.list(null)) {
            Now now = of(stored);
            all.put(stored.destination().workspaceId() + "/" + stored.destination().apiId(), now.status() + ", lag "
                    + now.lag() + ", delivered " + stored.delivered() + ", failed " + stored.failed()
                    + ", dead letters " + now.deadLetters());
        }
        return all;
    }
}
