package io.mekong.identity.consent;

import java.time.Instant;
import java.util.Set;

/**
 * One recorded statement as the precedence rule sees it.
 *
 * @param view       what it says (its statedAt already capped at receivedAt)
 * @param receivedAt when the hub first recorded it
 * @param sequence   the order of recording, to break exact ties deterministically
 */
record ConsentStatement(ConsentView view, Instant receivedAt, long sequence) {

    /** The statuses by which a person said something; not_subscribed is a source's default, not a statement. */
    private static final Set<String> EXPLICIT = Set.of("subscribed", "unsubscribed", "pending");

    boolean explicit() {
        return EXPLICIT.contains(view.status());
    }

    boolean timed() {
        return view.statedAt() != null;
    }

    Instant statedAt() {
        return view.statedAt();
    }

    /** At the same moment the more restrictive word wins: an opt-out over a pending opt-in over an opt-in. */
    int restriction() {
        return switch (view.status()) {
            case "unsubscribed" -> 3;
            case "pending" -> 2;
            case "subscribed" -> 1;
            default -> 0;
        };
    }
}
