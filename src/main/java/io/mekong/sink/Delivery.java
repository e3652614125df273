package io.mekong.sink;

import java.util.List;
import java.util.UUID;

/** What a target did with a batch: the events it refused for good, each with the reason; it took all the others. */
public record Delivery(List<Refused> refused) {

    public static final Delivery ALL = new Delivery(List.of());

    public Delivery {
        refused = List.copyOf(refused);
    }

    /** @param reason what the target said, in words a merchant can act on (never a secret) */
    public record Refused(UUID eventId, String reason) {
    }
}
