package io.mekong.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.mapping.MappingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead letters being replayed, settled in the transaction that stores their records: a stored one is marked
 * replayed; one refused again stays open with the new reason (it is not added as a second dead letter).
 */
public final class ReplayMarks implements PageOrigins {

    private final DeadLetters deadLetters;
    private final List<DeadLetterView> letters;
    private final List<DeadLetterView> replayable = new ArrayList<>();
    private final Map<Long, ReplayOutcome> outcomes = new LinkedHashMap<>();
    private List<MappingResult> results = List.of();

    ReplayMarks(DeadLetters deadLetters, List<DeadLetterView> letters) {
        this.deadLetters = deadLetters;
        this.letters = List.copyOf(letters);
    }

    /** The payloads to map again; a letter without one stays open and says so. */
    List<JsonNode> payloads() {
        List<JsonNode> payloads = new ArrayList<>();
        for (DeadLetterView letter : letters) {
            if (letter.payload() == null) {
                outcomes.put(letter.id(), new ReplayOutcome(letter.id(), "open", "no JSON payload; PUT a corrected one first"));
            } else {
                replayable.add(letter);
                payloads.add(letter.payload());
            }
        }
        return payloads;
    }

    @Override
    public List<MappingResult> admit(String connectionId, List<MappingResult> mapped) {
        results = mapped;
        return mapped;
    }

    @Override
    public boolean addsDeadLetters() {
        return false;
    }

    @Override
    public void settle(PageOutcome outcome) {
        Map<Long, String> refused = new LinkedHashMap<>();
        List<Long> stored = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            long id = replayable.get(i).id();
            if (results.get(i) instanceof MappingResult.Rejected rejected) {
                refused.put(id, rejected.reason());
                outcomes.put(id, new ReplayOutcome(id, "open", rejected.reason()));
            } else {
                stored.add(id);
                outcomes.put(id, new ReplayOutcome(id, "replayed", null));
            }
        }
        deadLetters.recordFailedReplays(refused);
        deadLetters.markReplayed(stored);
    }

    /** One outcome per letter, in the order given. */
    public List<ReplayOutcome> outcomes() {
        return letters.stream().map(l -> outcomes.get(l.id())).toList();
    }
}
