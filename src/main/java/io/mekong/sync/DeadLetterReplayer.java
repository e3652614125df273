package io.mekong.sync;

import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingResult;
import io.mekong.store.DeadLetterView;
import io.mekong.store.DeadLetters;
import io.mekong.store.PageCommit;
import io.mekong.store.PageCommitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a dead letter's payload through the mapping and store path again, as it is now (after a mapping fix or
 * an edit of the payload). Stored: the dead letter is marked replayed in the same transaction. Rejected again:
 * it stays open with the new reason. The store's stale check still holds, so a replay never overwrites newer data.
 */
@Service
public class DeadLetterReplayer {

    /** What one replay did. */
    public record Outcome(long id, String status, String reason) {
    }

    private final DeadLetters deadLetters;
    private final ConnectionService connections;
    private final MappingEngine mapping;
    private final PageCommitter committer;
    private final TransactionTemplate transaction;

    public DeadLetterReplayer(DeadLetters deadLetters, ConnectionService connections, MappingEngine mapping,
                              PageCommitter committer, TransactionTemplate transaction) {
        this.deadLetters = deadLetters;
        this.connections = connections;
        this.mapping = mapping;
        this.committer = committer;
        this.transaction = transaction;
    }

    /** @throws IllegalArgumentException when the dead letter is not open */
    public Outcome replay(DeadLetterView letter) {
        if (!letter.status().equals("open")) {
            throw new IllegalArgumentException("dead letter " + letter.id() + " is " + letter.status() + ", not open");
        }
        return replay(List.of(letter)).get(0);
    }

    /**
     * Replays open dead letters a batch at a time: those of one connection and entity are mapped together and the
     * stored ones committed in one transaction with their marking, the refused ones kept open in one batch.
     *
     * @return one outcome per letter, in the order given
     */
    public List<Outcome> replay(List<DeadLetterView> letters) {
        Map<Long, Outcome> outcomes = new HashMap<>();
        letters.stream()
                .collect(Collectors.groupingBy(l -> List.of(l.connection(), l.entity()), LinkedHashMap::new, Collectors.toList()))
                .values().forEach(group -> replayGroup(group, outcomes));
        return letters.stream().map(l -> outcomes.get(l.id())).toList();
    }

    private void replayGroup(List<DeadLetterView> group, Map<Long, Outcome> outcomes) {
        List<DeadLetterView> replayable = new ArrayList<>();
        for (DeadLetterView letter : group) {
            if (letter.payload() == null) {
                outcomes.put(letter.id(), new Outcome(letter.id(), "open", "no JSON payload; PUT a corrected one first"));
            } else {
                replayable.add(letter);
            }
        }
        if (replayable.isEmpty()) {
            return;
        }
        DeadLetterView first = replayable.get(0);
        ConnectionContext connection = connections.context(first.connection());
        MappedPage page = mapping.map(connection.connector(), first.entity(),
                replayable.stream().map(DeadLetterView::payload).toList(), connection.params());
        Map<Long, String> refused = new LinkedHashMap<>();
        List<MappingResult> stored = new ArrayList<>();
        List<Long> storedIds = new ArrayList<>();
        for (int i = 0; i < replayable.size(); i++) {
            long id = replayable.get(i).id();
            if (page.results().get(i) instanceof MappingResult.Rejected rejected) {
                refused.put(id, rejected.reason());
                outcomes.put(id, new Outcome(id, "open", rejected.reason()));
            } else {
                stored.add(page.results().get(i));
                storedIds.add(id);
                outcomes.put(id, new Outcome(id, "replayed", null));
            }
        }
        deadLetters.recordFailedReplays(refused);
        if (!stored.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                committer.commit(new PageCommit(null, connection, null, new MappedPage(page.entity(), stored), null));
                deadLetters.markReplayed(storedIds);
            });
        }
    }
}
