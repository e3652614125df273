package io.mekong.sink;

import io.mekong.bus.BusTopics;
import io.mekong.config.MekongProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps one route per enabled destination on this instance, made from the template its connector needs
 * (routes/destinations.yaml): at start, when the API changes a destination here, and every few seconds for changes
 * made through another instance, so that every instance consumes for every destination and Kafka splits their
 * partitions among them.
 */
@Component
public class DestinationRoutes {

    static final String WEBHOOK_CONNECTOR = "webhook";
    private static final String PREFIX = "destination-";
    private static final Logger log = LoggerFactory.getLogger(DestinationRoutes.class);

    private final CamelContext camel;
    private final Destinations destinations;
    private final BusTopics topics;
    private final int consumers;
    /** What each running route was made from, to notice a change. */
    private final Map<Long, Destination> running = new HashMap<>();
    private volatile boolean ready;

    public DestinationRoutes(CamelContext camel, Destinations destinations, BusTopics topics,
                             MekongProperties properties) {
        this.camel = camel;
        this.destinations = destinations;
        this.topics = topics;
        this.consumers = properties.destinations().consumers();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        ready = true;
        reconcile();
    }

    @Scheduled(fixedDelayString = "${mekong.destinations.reconcile-every}")
    public synchronized void reconcile() {
        if (!ready) {
            return;
        }
        List<Destination> wanted = destinations.enabled();
        Set<Long> ids = wanted.stream().map(Destination::id).collect(Collectors.toSet());
        for (Long id : List.copyOf(running.keySet())) {
            if (!ids.contains(id)) {
                remove(id);
            }
        }
        for (Destination destination : wanted) {
            if (!destination.equals(running.get(destination.id()))) {
                remove(destination.id());
                add(destination);
            }
        }
    }

    public static String routeId(long destinationId) {
        return PREFIX + destinationId;
    }

    private void add(Destination destination) {
        String topicNames = Subscriptions.topics(destination.deliver()).stream().map(topics::name)
                .collect(Collectors.joining(","));
        if (topicNames.isEmpty()) {
            return;
        }
        boolean webhook = destination.connector().equals(WEBHOOK_CONNECTOR);
        try {
            TemplatedRouteBuilder.builder(camel, webhook ? "webhook-destination" : "destination")
                    .routeId(routeId(destination.id()))
                    .parameter("destination", String.valueOf(destination.id()))
                    .parameter("topics", topicNames)
                    // a connector target's writer decides across subjects (who holds a shared phone in Klaviyo, which
                    // contact a merged profile joins), so one consumer at a time writes to it: it batches instead
                    .parameter("consumers", String.valueOf(webhook ? consumers : 1))
                    .add();
            running.put(destination.id(), destination);
            log.info("Destination {} ({}) consumes {}", destination.apiId(), destination.connector(), topicNames);
        } catch (RuntimeException e) {
            log.error("Destination {} could not start its route", destination.apiId(), e);
        }
    }

    private void remove(long id) {
        running.remove(id);
        Route route = camel.getRoute(routeId(id));
        if (route != null) {
            try {
                camel.getRouteController().stopRoute(route.getRouteId());
                camel.removeRoute(route.getRouteId());
            } catch (Exception e) {
                log.error("Destination route {} could not be stopped", route.getRouteId(), e);
            }
        }
    }
}
