package io.mekong.sink.targets;

import io.mekong.bus.BusEvent;
import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorEngine;
import io.mekong.mapping.OutboundMapper;
import io.mekong.sink.Delivery;
import io.mekong.sink.Destination;
import io.mekong.sink.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every connector target's writer works with: the connector engine (the spec's actions under the connection's
 * auth, rate limit, retries and egress guard), the outbound mappings, the destination's ID map, and the connections.
 */
abstract class ConnectorTarget implements Target {

    protected final ConnectorEngine engine;
    protected final OutboundMapper mapper;
    protected final IdMap ids;
    private final Function<String, ConnectionContext> connections;
    private final String connector;

    /** @param connections opens a connection by its global id (ConnectionService::context) */
    ConnectorTarget(String connector, ConnectorEngine engine, OutboundMapper mapper, IdMap ids,
                    Function<String, ConnectionContext> connections) {
        this.connector = connector;
        this.engine = engine;
        this.mapper = mapper;
        this.ids = ids;
        this.connections = connections;
    }

    @Override
    public final boolean writes(String name) {
        return connector.equals(name);
    }

    /** A profile merged away in the hub whose object in the target is not its survivor's: the writer merges them. */
    protected record Merge(BusEvent event, IdMap.Entry gone, IdMap.Entry survivor) {
    }

    /**
     * The merges of the batch's removed profiles (docs/targets.md, "Merged profiles"), for objects of {@code kind}. What
     * needs no call to the target is settled here: a profile without an object, or removed without a survivor (its
     * object stays, an erasure still finds it), is left; an object that stands for no survivor yet is the survivor's
     * now; one the survivor shares (the target already keyed both to it) is absorbed. Call after the batch's changed
     * profiles are written, so that a survivor new in this batch has its object.
     */
    protected List<Merge> merges(Destination destination, String kind, List<BusEvent> events) {
        List<Merge> merges = new ArrayList<>();
        for (BusEvent event : Subjects.latest(events, "io.mekong.profile.removed")) {
            if (!event.data().hasNonNull("mergedInto")) {
                continue;
            }
            String goneId = event.data().path("profileId").asText();
            String survivorId = event.data().path("mergedInto").asText();
            Optional<IdMap.Entry> gone = ids.find(destination.id(), kind, goneId);
            if (gone.isEmpty()) {
                continue;
            }
            Optional<IdMap.Entry> survivor = ids.find(destination.id(), kind, survivorId);
            if (survivor.isEmpty()) {
                ids.rekey(destination.id(), kind, goneId, survivorId);
            } else if (gone.get().targetId() == null || survivor.get().targetId() == null
                    || gone.get().targetId().equals(survivor.get().targetId())) {
                ids.absorb(destination.id(), kind, goneId, survivorId);
            } else {
                merges.add(new Merge(event, gone.get(), survivor.get()));
            }
        }
        return merges;
    }

    /** A merge the target made (or refused, for good): the ID map follows it. */
    protected Optional<Delivery.Refused> merged(Destination destination, Merge merge, TargetCalls.Answer answer) {
        if (answer.refused()) {
            return Optional.of(new Delivery.Refused(merge.event().id(), answer.refusal()));
        }
        ids.absorb(destination.id(), merge.gone().kind(), merge.gone().localId(), merge.survivor().localId());
        return Optional.empty();
    }

    /** The calls of one write, on the destination's connection as it is now. */
    protected TargetCalls calls(Destination destination) {
        return new TargetCalls(engine, connections.apply(destination.connectionId()));
    }
}
