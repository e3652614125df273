package io.mekong.store;

/** What storing records did; read = inserted + updated + unchanged + stale + rejected. */
public record PageOutcome(int read, int inserted, int updated, int unchanged, int stale, int rejected) {

    public static final PageOutcome EMPTY = new PageOutcome(0, 0, 0, 0, 0, 0);

    public PageOutcome plus(PageOutcome other) {
        return new PageOutcome(read + other.read, inserted + other.inserted, updated + other.updated,
                unchanged + other.unchanged, stale + other.stale, rejected + other.rejected);
    }
}
