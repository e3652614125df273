package io.mekong.sink;

import io.mekong.bus.BusEvent;
import io.mekong.bus.ReceivedBatch;
import io.mekong.store.DeadLetterView;
import io.mekong.store.DeadLetters;
import io.mekong.store.ReplayOutcome;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * Replays a destination's dead letters: each letter's event (as stored, or as an operator fixed it) goes through the
 * {@code destination-replay} route to the destination's target once more. Taken: the letter is replayed and counts as
 * delivered. Refused again, or the target unavailable: it stays open with the new reason.
 */
@Service
public class DestinationReplays {

    static final String ROUTE = "direct:destination-replay";

    private final DeadLetters deadLetters;
    private final Destinations destinations;
    private final ProducerTemplate camel;

    public DestinationReplays(DeadLetters deadLetters, Destinations destinations, ProducerTemplate camel) {
        this.deadLetters = deadLetters;
        this.destinations = destinations;
        this.camel = camel;
    }

    /** @return one outcome per letter, in the order given */
    @SuppressWarnings("unchecked")
    public List<ReplayOutcome> replay(List<DeadLetterView> letters) {
        Map<Long, ReplayOutcome> outcomes = new HashMap<>();
        letters.stream().collect(Collectors.groupingBy(DeadLetterView::destinationId, LinkedHashMap::new, Collectors.toList()))
                .forEach((destinationId, group) -> {
                    Map<UUID, Long> letterOf = new HashMap<>();
                    List<BusEvent> events = group.stream().map(letter -> {
                        BusEvent event = ReceivedBatch.parse(letter.payload().toString(), "replay", 0, letter.id());
                        letterOf.put(event.id(), letter.id());
                        return event;
                    }).toList();
                    Destination destination = destinations.find(destinationId).orElseThrow().destination();
                    Exchange done = camel.send(ROUTE, exchange -> {
                        exchange.getIn().setHeader(DestinationComponent.DESTINATION, destinationId);
                        exchange.getIn().setHeader("MekongConnector", destination.connector());
                        exchange.getIn().setBody(events);
                    });
                    if (done.getException() != null) {
                        throw new IllegalStateException("replay of dead letters " + letterOf.values() + " failed: "
                                + done.getException().getMessage(), done.getException());
                    }
                    Map<UUID, String> refused = ((List<Delivery.Refused>) done.getProperty(DestinationComponent.REFUSED,
                            List.class)).stream().collect(Collectors.toMap(Delivery.Refused::eventId,
                            Delivery.Refused::reason, (a, b) -> a));
                    deadLetters.markReplayed(letterOf.entrySet().stream().filter(e -> !refused.containsKey(e.getKey()))
                            .map(Map.Entry::getValue).toList());
                    deadLetters.recordFailedReplays(refused.entrySet().stream()
                            .collect(Collectors.toMap(e -> letterOf.get(e.getKey()), Map.Entry::getValue)));
                    destinations.replayed(destinationId, letterOf.size() - refused.size());
                    letterOf.forEach((event, letter) -> outcomes.put(letter, refused.containsKey(event)
                            ? new ReplayOutcome(letter, "open", refused.get(event)) : new ReplayOutcome(letter, "replayed", null)));
                });
        return letters.stream().map(l -> outcomes.get(l.id())).toList();
    }
}
