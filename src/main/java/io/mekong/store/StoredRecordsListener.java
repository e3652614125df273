package io.mekong.store;

import java.util.Collection;

/**
 * Told, inside the transaction that stored them and after everything else of that transaction, which canonical
 * records of a connection were inserted, changed or deleted: what is derived from them (identities and profiles) is
 * brought up to date in the same transaction, on the pull path, the webhook path and dead-letter replay alike.
 */
public interface StoredRecordsListener {

    /** @param entity a canonical entity ("customer", "order", ...); @param externalIds the records' keys */
    void stored(String connectionId, String entity, Collection<String> externalIds);
}
