package io.mekong.store;

import io.mekong.mapping.MappingResult;
import java.util.List;

/**
 * Where the records of a page came from, when those sources must learn what became of each record in the very
 * transaction that stores it (webhook deliveries, dead letters being replayed): a crash then leaves either the page
 * and its markings or neither.
 */
public interface PageOrigins {

    /**
     * The results to store, in order, with their origins lined up: an origin may hold some back (an event older than
     * one already applied) or add its own (a delivery whose body held no record, kept whole in dead letters).
     * Runs in the page's transaction, before anything is written.
     */
    List<MappingResult> admit(String connectionId, List<MappingResult> results);

    /** Whether refused records become new dead letters; false when the origin keeps them itself (a replay). */
    default boolean addsDeadLetters() {
        return true;
    }

    /** Tells each origin what became of its record. Runs in the page's transaction, after the page is written. */
    void settle(PageOutcome outcome);
}
