package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;
import java.util.List;

/** A refund; {@code totalRefundedSet} is the sum of its successful REFUND transactions, as on Shopify. */
public record Refund(long id, OffsetDateTime createdAt, OffsetDateTime updatedAt, String note,
                     List<RefundLineItem> refundLineItems, List<OrderTransaction> transactions,
                     MoneyBag totalRefundedSet) implements Identified {

    public Refund {
        refundLineItems = List.copyOf(refundLineItems);
        transactions = List.copyOf(transactions);
    }

    public static Refund of(long id, OffsetDateTime createdAt, String note, List<RefundLineItem> lines,
                            List<OrderTransaction> transactions, MoneyBag zero) {
        MoneyBag total = transactions.stream()
                .filter(t -> t.kind().equals("REFUND") && t.status().equals("SUCCESS"))
                .map(OrderTransaction::amountSet).reduce(zero, MoneyBag::plus);
        return new Refund(id, createdAt, createdAt, note, lines, transactions, total);
    }
}
