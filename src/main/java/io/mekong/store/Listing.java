package io.mekong.store;

import java.util.List;
import java.util.function.UnaryOperator;

/** One page of a listing; pass {@code nextCursor} back to get the next page, null at the end. */
public record Listing<T>(List<T> items, String nextCursor) {

    /** The same page with each item changed by {@code change}. */
    public Listing<T> map(UnaryOperator<T> change) {
        return new Listing<>(items.stream().map(change).toList(), nextCursor);
    }
}
