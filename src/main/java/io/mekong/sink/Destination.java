package io.mekong.sink;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A target connection subscribed to the bus.
 *
 * @param id           the global id (consumer group {@code mekong.destination.<id>})
 * @param apiId        the id callers use, unique within the workspace
 * @param connectionId the target connection's global id; @param connector its connector (klaviyo, mailchimp, ...)
 * @param deliver      what it receives: profiles, orders, events, consent, erasures
 */
public record Destination(long id, String apiId, String workspaceId, String connectionId, String connector,
                          Set<String> deliver, boolean enabled) {

    public static final Set<String> DELIVERABLES = Set.of("profiles", "orders", "events", "consent", "erasures");

    public Destination {
        // sorted, so that the API, the console and the audit log name them in one order
        deliver = Collections.unmodifiableSortedSet(new TreeSet<>(deliver));
    }

    /** The name its consumption is recorded under (consumed_event.consumer). */
    public String consumer() {
        return "destination:" + id;
    }
}
