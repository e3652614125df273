package io.mekong.sink;

import io.mekong.bus.BusEvent;
import java.util.List;

/**
 * Writes events to one kind of target system (a connector marked as a target). The destination runtime hands it the
 * events a destination subscribed to, in bus order, none of them seen before; it writes them with the target's batch
 * endpoints, its auth, rate limit and retries, and keeps the destination's ID map (destination_object) so that an
 * update never creates a second object.
 */
public interface Target {

    /** The connector names this target writes to. */
    boolean writes(String connector);

    /**
     * Writes the events. Returns the events the target refused for good (they become the destination's dead letters);
     * every other event counts as delivered, erasures as confirmed.
     *
     * @throws TargetUnavailableException when the target cannot take the events now (5xx, 429, timeouts, refused
     *                                    connections, after the requester's own retries): the runtime waits and hands
     *                                    the same events again, so writing them must be idempotent
     */
    Delivery write(Destination destination, List<BusEvent> events) throws TargetUnavailableException;
}
