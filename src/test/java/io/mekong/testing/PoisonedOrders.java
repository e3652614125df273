package io.mekong.testing;

import io.mekong.sandbox.shopify.LineItem;
import java.util.ArrayList;
import java.util.List;

/** Shop orders the hub must refuse, for tests of dead letters: the shared shop's orders are restored after. */
public final class PoisonedOrders {

    private PoisonedOrders() {
    }

    /** 21 line items, one more than the order mapping takes: the order is rejected to dead letters. */
    public static List<LineItem> tooManyLines(List<LineItem> lines) {
        List<LineItem> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(lines.get(i % lines.size()));
        }
        return many;
    }
}
