package io.mekong.sync;

import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectorException;
import io.mekong.connector.Headers;
import io.mekong.store.DeadLetterView;
import io.mekong.store.ReplayMarks;
import io.mekong.store.ReplayOutcome;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends open dead letters through the {@code dead-letter-replay} route, a connection and entity at a time (those of
 * one group are mapped together and settled in one transaction).
 */
@Service
public class DeadLetterReplays {

    static final String ROUTE = "direct:dead-letter-replay";

    private final ConnectionService connections;
    private final ProducerTemplate camel;

    public DeadLetterReplays(ConnectionService connections, ProducerTemplate camel) {
        this.connections = connections;
        this.camel = camel;
    }

    /**
     * @return one outcome per letter, in the order given
     * @throws IllegalStateException when the route fails (the database is down): nothing of that group changed
     */
    public List<ReplayOutcome> replay(List<DeadLetterView> letters) {
        Map<Long, ReplayOutcome> outcomes = new HashMap<>();
        letters.stream()
                .collect(Collectors.groupingBy(l -> List.of(l.connection(), l.entity()), LinkedHashMap::new, Collectors.toList()))
                .values().forEach(group -> replayGroup(group).forEach(o -> outcomes.put(o.id(), o)));
        return letters.stream().map(l -> outcomes.get(l.id())).toList();
    }

    private List<ReplayOutcome> replayGroup(List<DeadLetterView> group) {
        Exchange done = camel.send(ROUTE, exchange -> {
            exchange.getIn().setHeader(Headers.CONNECTION, connections.context(group.get(0).connection()));
            exchange.getIn().setHeader(Headers.ENTITY, group.get(0).entity());
            exchange.getIn().setBody(group);
        });
        if (done.getException() != null) {
            throw new IllegalStateException("replay of dead letters " + group.stream().map(DeadLetterView::id).toList()
                    + " failed: " + ConnectorException.reasonOf(done.getException()), done.getException());
        }
        return done.getMessage().getHeader(Headers.ORIGINS, ReplayMarks.class).outcomes();
    }
}
