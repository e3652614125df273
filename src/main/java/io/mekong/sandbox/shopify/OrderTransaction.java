package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;

/** A payment transaction; kind and status use the GraphQL enum values (SALE, REFUND, SUCCESS…). */
public record OrderTransaction(long id, String kind, String status, String gateway, MoneyBag amountSet,
                               OffsetDateTime createdAt, OffsetDateTime processedAt, boolean test,
                               OrderTransaction parentTransaction) implements Identified {
}
