package io.mekong.store;

import io.mekong.mapping.MappingResult;
import io.mekong.webhook.Delivery;
import io.mekong.webhook.InboxBatch;
import io.mekong.webhook.Settlement;
import io.mekong.webhook.WebhookInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The webhook deliveries behind a page: settled in the page's transaction with what became of their records, and
 * for topics whose records carry no time of their own, held back when older than an event already applied.
 */
final class InboxMarks implements PageOrigins {

    private final InboxBatch batch;
    private final WebhookInbox inbox;
    private final Map<Long, Settlement> settled;
    private final List<Delivery> admittedOf = new ArrayList<>();
    private List<MappingResult> admitted = List.of();

    InboxMarks(InboxBatch batch, WebhookInbox inbox) {
        this.batch = batch;
        this.inbox = inbox;
        this.settled = new LinkedHashMap<>(batch.settled());
    }

    @Override
    public List<MappingResult> admit(String connectionId, List<MappingResult> results) {
        boolean eventOrdered = batch.getMode() == InboxBatch.Mode.RECORD;
        Map<String, Instant> newest = eventOrdered ? inbox.newestApplied(connectionId, batch.entity(),
                results.stream().map(MappingResult::externalId).filter(Objects::nonNull).distinct().toList()) : Map.of();
        List<MappingResult> kept = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            MappingResult result = results.get(i);
            Delivery delivery = batch.recordOf().get(i);
            if (eventOrdered && result instanceof MappingResult.Mapped m) {
                Instant applied = newest.get(m.externalId());
                if (applied != null && delivery.occurredAt().isBefore(applied)) {
                    settled.put(delivery.id(), Settlement.processed("stale: a newer event of this record was applied", m.externalId()));
                    continue;
                }
                newest.put(m.externalId(), delivery.occurredAt());
            }
            kept.add(result);
            admittedOf.add(delivery);
        }
        for (InboxBatch.Unreadable u : batch.unreadable()) {
            kept.add(new MappingResult.Rejected(u.delivery().body(), null, u.reason()));
            admittedOf.add(u.delivery());
        }
        admitted = kept;
        return kept;
    }

    @Override
    public void settle(PageOutcome outcome) {
        for (int i = 0; i < admitted.size(); i++) {
            MappingResult result = admitted.get(i);
            settled.put(admittedOf.get(i).id(), Settlement.processed(result instanceof MappingResult.Mapped m
                    ? stored(outcome.staleKeys().contains(m.externalId())) : "rejected: see dead letters", result.externalId()));
        }
        inbox.settle(settled);
    }

    /** A delete-mode batch stores the records the source still has: they were not deleted. */
    private String stored(boolean stale) {
        if (batch.getMode() == InboxBatch.Mode.DELETE) {
            return InboxBatch.NOT_DELETED + (stale ? ": a newer version is stored" : ": stored as it is now");
        }
        return stale ? "stale: a newer version is stored" : "stored";
    }

    /** Settles a delete-mode batch with what its tombstones did. */
    void settleDeletions(Map<String, Tombstones.Outcome> outcomes) {
        outcomes.forEach((key, outcome) -> batch.namedBy(key).forEach(d -> settled.put(d.id(), Settlement.processed(
                switch (outcome) {
                    case DELETED -> "deleted";
                    case STALE -> "stale: a newer version is stored";
                    case ALREADY_DELETED -> "already deleted";
                    case NOT_STORED -> "nothing stored to delete";
                }, key))));
        inbox.settle(settled);
    }
}
