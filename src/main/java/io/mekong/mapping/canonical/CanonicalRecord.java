package io.mekong.mapping.canonical;

import java.time.Instant;

/**
 * A record in Mekong's own model, produced by a mapping from one source record.
 * Upserts are keyed by (connection, entity, externalId); updatedAt is the source's own clock,
 * used to skip records older than the stored one.
 */
public sealed interface CanonicalRecord permits CanonicalCustomer, CanonicalOrder, CanonicalProduct,
        CanonicalPayment, CanonicalCharge, CanonicalRefund, CanonicalBalanceTransaction, CanonicalCheckout {

    String externalId();

    Instant updatedAt();

    /** A tombstone: the source deleted the record. */
    boolean deleted();
}
