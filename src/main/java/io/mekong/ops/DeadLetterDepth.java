package io.mekong.ops;

import io.mekong.store.DeadLetters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * How many dead letters wait per connection: {@code mekong_dead_letters_open{connection}} in Prometheus, read from
 * the database at each scrape, and the {@code OpenByConnection} attribute of the MBean
 * {@code mekong:type=DeadLetters} in Hawtio, beside {@code OpenByDestination} (the events a destination's target
 * refused). A connection's gauge exists from its first run on (or from start,
 * when it already has dead letters).
 */
@Component
@ManagedResource(objectName = "mekong:type=DeadLetters", description = "Dead letters waiting for a fix and a replay")
public class DeadLetterDepth {

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public DeadLetterDepth(DeadLetters deadLetters, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @ManagedAttribute(description = "Open dead letters per connection (connections with none are absent)")
    public Map<String, Integer> getOpenByConnection() {
        return deadLetters.openByConnection();
    }

    @ManagedAttribute(description = "Open dead letters per destination, as workspace/id (destinations with none are absent)")
    public Map<String, Integer> getOpenByDestination() {
        return deadLetters.openByDestination();
    }

    @ManagedAttribute(description = "Open dead letters, all connections")
    public int getOpenTotal() {
        return deadLetters.openByConnection().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Makes sure the connection has a depth gauge; cheap to call again. */
    public void track(String connectionId) {
        if (registered.add(connectionId)) {
            Gauge.builder("mekong.dead.letters.open", deadLetters, d -> d.openCount(connectionId))
                    .description("Open dead letters of a connection")
                    .tag("connection", connectionId)
                    .register(registry);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void trackConnectionsWithDeadLetters() {
        deadLetters.openByConnection().keySet().forEach(this::track);
    }
}
