package io.mekong.store;

import java.util.Collection;

/**
 * Records a privacy erasure redacted. The source may still hold the person: when a sync or a webhook brings one of
 * these records back, the store hands its keys here in the transaction that stored them, and they are redacted again
 * before that transaction commits, so an erased person never reappears in the store.
 */
public interface ErasedRecords {

    /** A store that knows of no erasure (tests of the store alone). */
    ErasedRecords NONE = (connectionId, entity, externalIds) -> 0;

    /**
     * Redacts again those of the just-stored records (canonical row, raw landing, dead letters) that were erased.
     * @return how many of them were
     */
    int redactAgain(String connectionId, String entity, Collection<String> externalIds);
}
