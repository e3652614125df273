package io.mekong.sandbox.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Refunds and cancellations with Shopify's bookkeeping: line quantities, REFUND transactions, statuses. */
final class OrderRefunds {

    private OrderRefunds() {
    }

    /** Refunds the given quantities per line item id; refunding everything left also refunds shipping and tax. */
    static Refund refund(Order order, Map<Long, Integer> quantities, String note, String restockType,
                         OffsetDateTime at, LongSupplier ids) {
        List<RefundLineItem> lines = new ArrayList<>();
        MoneyBag amount = order.totalPriceSet.zero();
        for (int i = 0; i < order.lineItems.size(); i++) {
            LineItem line = order.lineItems.get(i);
            int quantity = Math.min(quantities.getOrDefault(line.id(), 0), line.currentQuantity());
            if (quantity == 0) {
                continue;
            }
            MoneyBag subtotal = times(line.discountedUnitPriceSet(), quantity);
            lines.add(new RefundLineItem(ids.getAsLong(), line, quantity, restockType, subtotal));
            amount = amount.plus(subtotal);
            order.lineItems.set(i, line.withCurrentQuantity(line.currentQuantity() - quantity));
        }
        boolean everything = order.lineItems.stream().allMatch(l -> l.currentQuantity() == 0);
        if (everything) {
            amount = order.currentTotalPriceSet();
        }
        List<OrderTransaction> transactions = new ArrayList<>();
        Optional<OrderTransaction> payment = payment(order);
        if (payment.isPresent() && amount.shopMoney().amount().signum() > 0) {
            OrderTransaction parent = payment.get();
            transactions.add(new OrderTransaction(ids.getAsLong(), "REFUND", "SUCCESS", parent.gateway(), amount,
                    at, at, order.test, parent));
        }
        Refund refund = Refund.of(ids.getAsLong(), at, note, lines, transactions, order.totalPriceSet.zero());
        order.refunds.add(refund);
        order.transactions.addAll(transactions);
        order.displayFinancialStatus = order.currentTotalPriceSet().shopMoney().amount().signum() <= 0
                ? "REFUNDED" : "PARTIALLY_REFUNDED";
        order.updatedAt = later(order.updatedAt, at);
        return refund;
    }

    /** Cancels like the admin does: paid orders are refunded in full, unpaid ones voided. */
    static void cancel(Order order, String reason, OffsetDateTime at, LongSupplier ids) {
        Optional<OrderTransaction> payment = payment(order);
        if (payment.isPresent()) {
            Map<Long, Integer> all = new java.util.HashMap<>();
            order.lineItems.forEach(l -> all.put(l.id(), l.currentQuantity()));
            refund(order, all, null, "CANCEL", at, ids);
        } else {
            order.transactions.stream().filter(t -> t.kind().equals("AUTHORIZATION")).findFirst().ifPresent(auth ->
                    order.transactions.add(new OrderTransaction(ids.getAsLong(), "VOID", "SUCCESS", auth.gateway(),
                            auth.amountSet(), at, at, order.test, auth)));
            order.displayFinancialStatus = "VOIDED";
        }
        order.cancelledAt = at;
        order.cancelReason = reason;
        order.closedAt = at;
        order.updatedAt = later(order.updatedAt, at);
    }

    private static Optional<OrderTransaction> payment(Order order) {
        return order.transactions.stream()
                .filter(t -> (t.kind().equals("SALE") || t.kind().equals("CAPTURE")) && t.status().equals("SUCCESS"))
                .findFirst();
    }

    private static MoneyBag times(MoneyBag unit, int quantity) {
        BigDecimal q = BigDecimal.valueOf(quantity);
        return new MoneyBag(MoneyV2.of(unit.shopMoney().amount().multiply(q), unit.shopMoney().currencyCode()),
                MoneyV2.of(unit.presentmentMoney().amount().multiply(q), unit.presentmentMoney().currencyCode()));
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
