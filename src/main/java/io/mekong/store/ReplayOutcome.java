package io.mekong.store;

/** What replaying one dead letter did: {@code replayed}, or still {@code open} with the reason. */
public record ReplayOutcome(long id, String status, String reason) {
}
