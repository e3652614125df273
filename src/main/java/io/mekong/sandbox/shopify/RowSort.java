package io.mekong.sandbox.shopify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A {@code sortKey} of a root connection: the row's sort value as a number (epoch seconds for times, so paging
 * compares longs), whether it is a time, and the search field a range filter on it uses (null when none).
 */
record RowSort<T extends Identified>(String name, ToLongFunction<T> value, boolean time, String searchField) {

    static final List<RowSort<Order>> ORDERS = List.of(byId(),
            byTime("UPDATED_AT", o -> o.updatedAt, "updated_at"),
            byTime("CREATED_AT", o -> o.createdAt, "created_at"),
            byTime("PROCESSED_AT", o -> o.processedAt, "processed_at"));
    static final List<RowSort<Customer>> CUSTOMERS = List.of(byId(),
            byTime("UPDATED_AT", c -> c.updatedAt, "updated_at"),
            byTime("CREATED_AT", c -> c.createdAt, "created_at"));
    static final List<RowSort<Product>> PRODUCTS = List.of(byId(),
            byTime("UPDATED_AT", p -> p.updatedAt, "updated_at"),
            byTime("CREATED_AT", p -> p.createdAt, "created_at"));

    /** Abandoned checkouts sort by id (CHECKOUT_ID is the same number) or creation, never by update. */
    static final List<RowSort<AbandonedCheckout>> CHECKOUTS = List.of(byId(),
            new RowSort<>("CHECKOUT_ID", Identified::id, false, null),
            byTime("CREATED_AT", c -> c.createdAt, "created_at"));

    static final String ID = "ID";

    private static <T extends Identified> RowSort<T> byId() {
        return new RowSort<>(ID, Identified::id, false, null);
    }

    /** A row without the time sorts first, as the earliest possible time. */
    private static <T extends Identified> RowSort<T> byTime(String name, Function<T, OffsetDateTime> time,
                                                            String searchField) {
        return new RowSort<>(name, row -> {
            OffsetDateTime at = time.apply(row);
            return at == null ? Long.MIN_VALUE : at.toEpochSecond();
        }, true, searchField);
    }
}
