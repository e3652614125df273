package io.mekong.sink;

import io.mekong.bus.BusEvent;
import io.mekong.bus.Topic;
import java.util.EnumSet;
import java.util.Set;

/**
 * What each deliverable of a destination means on the bus: the topics its consumer reads and the events its target
 * receives. {@code profiles} and {@code consent} are both read from profile events (a consent change is a profile
 * change); {@code orders} are orders and payments; {@code events} (marketing events such as Placed Order and Started
 * Checkout) are derived by the target from orders and abandoned checkouts.
 */
public final class Subscriptions {

    private Subscriptions() {
    }

    public static Set<Topic> topics(Set<String> deliver) {
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        if (deliver.contains("profiles") || deliver.contains("consent")) {
            topics.add(Topic.PROFILES);
        }
        if (deliver.contains("orders")) {
            topics.add(Topic.ORDERS);
            topics.add(Topic.PAYMENTS);
        }
        if (deliver.contains("events")) {
            topics.add(Topic.ORDERS);
            topics.add(Topic.CHECKOUTS);
        }
        if (deliver.contains("erasures")) {
            topics.add(Topic.ERASURES);
        }
        return topics;
    }

    /**
     * Whether the destination receives the event: one of its workspace's, of a kind it delivers (its consumer may read
     * others: a payment when it wants events).
     */
    static boolean receives(Destination destination, BusEvent event) {
        if (!event.workspace().equals(destination.workspaceId())) {
            return false; // the topics carry every merchant's changes: a destination delivers only its own workspace's
        }
        Set<String> deliver = destination.deliver();
        return switch (event.kind()) {
            case "profile" -> deliver.contains("profiles") || deliver.contains("consent");
            case "order" -> deliver.contains("orders") || deliver.contains("events");
            case "payment" -> deliver.contains("orders");
            case "checkout" -> deliver.contains("events");
            case "erasure" -> deliver.contains("erasures");
            default -> false;
        };
    }
}
