package io.mekong.store;

import java.util.List;

/** One page of a listing; pass {@code nextCursor} back to get the next page, null at the end. */
public record Listing<T>(List<T> items, String nextCursor) {
}
