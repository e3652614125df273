package io.mekong.store;

import java.util.HashSet;
import java.util.Set;

/**
 * What storing records did; read = inserted + updated + unchanged + stale + rejected. {@code staleKeys} names the
 * records skipped as older than what is stored (equality ignores it: the counts are the outcome).
 */
public record PageOutcome(int read, int inserted, int updated, int unchanged, int stale, int rejected, Set<String> staleKeys) {

    public static final PageOutcome EMPTY = new PageOutcome(0, 0, 0, 0, 0, 0);

    public PageOutcome {
        staleKeys = Set.copyOf(staleKeys);
    }

    public PageOutcome(int read, int inserted, int updated, int unchanged, int stale, int rejected) {
        this(read, inserted, updated, unchanged, stale, rejected, Set.of());
    }

    public PageOutcome plus(PageOutcome other) {
        Set<String> keys = new HashSet<>(staleKeys);
        keys.addAll(other.staleKeys);
        return new PageOutcome(read + other.read, inserted + other.inserted, updated + other.updated,
                unchanged + other.unchanged, stale + other.stale, rejected + other.rejected, keys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageOutcome p && read == p.read && inserted == p.inserted && updated == p.updated
                && unchanged == p.unchanged && stale == p.stale && rejected == p.rejected;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(read, inserted, updated, unchanged, stale, rejected);
    }
}
