package io.mekong.sink;

import io.mekong.bus.BusEvent;
import io.mekong.camel.OperationComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code destination:} steps of the destination routes (routes/destinations.yaml). Header MekongDestination names
 * the destination; the body is the poll's events the destination has not consumed ({@code bus:received}).
 * <ul>
 *   <li>{@code destination:deliver} hands the events the destination receives to its connector's {@link Target} and
 *   records the outcome. While the target cannot take them it waits and tries the same events again, growing the
 *   wait from 1 s to 5 min, or as long as the target's Retry-After asks: the circuit opens for this destination
 *   only (its consumer stops taking events; the others go on), and closes when a try succeeds.</li>
 *   <li>For routes that talk to their target with Camel's own components (the webhook template):
 *   {@code destination:receives} keeps the events the destination receives (the body becomes that list),
 *   {@code destination:sign} prepares one event for its POST, {@code destination:refused} notes that the target
 *   refused the event being sent for good, and {@code destination:delivered} records the poll's outcome.</li>
 *   <li>{@code destination:write} writes a replay's events to a connector target once.</li>
 * </ul>
 */
@Component("destination")
public class DestinationComponent extends OperationComponent {

    static final String DESTINATION = "MekongDestination";
    static final String POLLED = "MekongPolled";
    static final String REFUSED = "MekongRefused";
    /** The destination as read once for the poll, which its per-event steps use instead of reading it again. */
    static final String READ = "MekongDestinationRead";
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(DestinationComponent.class);

    private final Destinations destinations;
    private final Targets targets;
    private final Deliveries deliveries;
    private final WebhookSigner signer;

    public DestinationComponent(Destinations destinations, Targets targets, Deliveries deliveries, WebhookSigner signer) {
        super("destination", List.of("deliver", "receives", "sign", "refused", "delivered", "write"));
        this.destinations = destinations;
        this.targets = targets;
        this.deliveries = deliveries;
        this.signer = signer;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void process(String operation, Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        switch (operation) {
            case "deliver" -> deliver(exchange, destination(exchange), message.getMandatoryBody(List.class));
            case "receives" -> {
                List<BusEvent> polled = message.getMandatoryBody(List.class);
                Destination destination = destination(exchange);
                exchange.setProperty(POLLED, polled);
                exchange.setProperty(REFUSED, new ArrayList<Delivery.Refused>());
                // read once per poll, not once per event: the split's exchanges carry copies of these properties
                exchange.setProperty(READ, destination);
                if (destination.connector().equals(DestinationRoutes.WEBHOOK_CONNECTOR)) {
                    signer.readConnection(destination, exchange);
                }
                message.setBody(polled.stream().filter(e -> Subscriptions.receives(destination, e)).toList());
            }
            case "sign" -> signer.prepare(destination(exchange), message);
            case "refused" -> {
                Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                BusEvent event = exchange.getProperty(WebhookSigner.EVENT, BusEvent.class);
                List<Delivery.Refused> refused = exchange.getProperty(REFUSED, List.class);
                refused.add(new Delivery.Refused(event.id(), WebhookSigner.reason(failure)));
            }
            case "write" -> {
                // once, for a replay: an unavailable target leaves every letter open with its reason
                List<BusEvent> events = message.getMandatoryBody(List.class);
                Destination destination = destination(exchange);
                Target target = targets.of(destination.connector()).orElseThrow();
                List<Delivery.Refused> refused = exchange.getProperty(REFUSED, List.class);
                try {
                    refused.addAll(target.write(destination, events).refused());
                } catch (TargetUnavailableException e) {
                    events.forEach(event -> refused.add(new Delivery.Refused(event.id(), "the target is unavailable: "
                            + e.getMessage())));
                }
            }
            case "delivered" -> {
                List<BusEvent> polled = exchange.getProperty(POLLED, List.class);
                Destination destination = destination(exchange);
                deliveries.record(destination, polled,
                        polled.stream().filter(e -> Subscriptions.receives(destination, e)).toList(),
                        new Delivery(exchange.getProperty(REFUSED, List.class)));
            }
            default -> throw new IllegalStateException(operation);
        }
    }

    private Destination destination(Exchange exchange) {
        Destination read = exchange.getProperty(READ, Destination.class);
        if (read != null) {
            return read;
        }
        long id = exchange.getMessage().getHeader(DESTINATION, Long.class);
        return destinations.find(id).orElseThrow(() -> new IllegalStateException("Destination " + id + " is gone"))
                .destination();
    }

    private void deliver(Exchange exchange, Destination destination, List<BusEvent> polled) throws InterruptedException {
        List<BusEvent> received = polled.stream().filter(e -> Subscriptions.receives(destination, e)).toList();
        Delivery delivery = received.isEmpty() ? Delivery.ALL : write(exchange, destination, received);
        deliveries.record(destination, polled, received, delivery);
    }

    private Delivery write(Exchange exchange, Destination destination, List<BusEvent> events) throws InterruptedException {
        Target target = targets.of(destination.connector()).orElseThrow(() -> new IllegalStateException(
                "No target writes to connector " + destination.connector()));
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                return target.write(destination, events);
            } catch (TargetUnavailableException e) {
                Duration asked = e.retryAfter();
                Duration pause = asked != null && asked.compareTo(wait) > 0 ? asked : wait;
                trouble(destination, e.getMessage(), pause);
                RouteWait.sleep(exchange, pause);
            } catch (RuntimeException e) {
                // a fault of ours (or a target answering what we cannot read): nothing is skipped, the operator sees it
                log.error("Destination {} could not write {} event(s); trying again", destination.apiId(), events.size(), e);
                trouble(destination, "internal error: " + e.getClass().getSimpleName(), wait);
                RouteWait.sleep(exchange, wait);
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }

    private void trouble(Destination destination, String error, Duration pause) {
        log.warn("Destination {} paused for {} s: {}", destination.apiId(), pause.toSeconds(), error);
        destinations.failing(destination.id(), error);
    }
}
