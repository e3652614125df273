package io.mekong.identity.consent;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which of the statements a person's records make on one channel is their consent. In order:
 * <ol>
 *   <li>an explicit statement (subscribed, unsubscribed, pending) beats a source's default (not_subscribed);</li>
 *   <li>a statement with a time beats one without: a statement without a time never beats one with a time;</li>
 *   <li>the most recent statement wins, so a newer opt-out beats an older opt-in and an older opt-in never overwrites
 *       a newer unsubscribe;</li>
 *   <li>between two statements without a time, the one received later wins (a source that changed its word);</li>
 *   <li>a tie goes to the more restrictive word (unsubscribed, then pending, then subscribed), then to the one
 *       recorded later.</li>
 * </ol>
 */
final class ConsentPrecedence {

    static final Comparator<ConsentStatement> ORDER = Comparator
            .comparing(ConsentStatement::explicit)
            .thenComparing(ConsentStatement::timed)
            .thenComparing(ConsentStatement::statedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing((a, b) -> a.timed() ? 0 : a.receivedAt().compareTo(b.receivedAt()))
            .thenComparingInt(ConsentStatement::restriction)
            .thenComparingLong(ConsentStatement::sequence);

    private ConsentPrecedence() {
    }

    static Optional<ConsentStatement> winner(Collection<ConsentStatement> statements) {
        return statements.stream().max(ORDER);
    }
}
