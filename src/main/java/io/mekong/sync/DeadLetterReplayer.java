package io.mekong.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connection.ConnectionService;
import io.mekong.connector.ConnectionContext;
import io.mekong.mapping.MappedPage;
import io.mekong.mapping.MappingEngine;
import io.mekong.mapping.MappingResult;
import io.mekong.store.DeadLetterView;
import io.mekong.store.DeadLetters;
import io.mekong.store.PageCommit;
import io.mekong.store.PageCommitter;
import java.util.List;
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

    /** @throws IllegalArgumentException when the dead letter is not open or has no JSON payload to replay */
    public Outcome replay(DeadLetterView letter) {
        if (!letter.status().equals("open")) {
            throw new IllegalArgumentException("dead letter " + letter.id() + " is " + letter.status() + ", not open");
        }
        JsonNode payload = letter.payload();
        if (payload == null) {
            throw new IllegalArgumentException("dead letter " + letter.id() + " has no JSON payload; PUT a corrected one first");
        }
        ConnectionContext connection = connections.context(letter.connection());
        MappedPage page = mapping.map(connection.connector(), letter.entity(), List.of(payload), connection.params());
        MappingResult result = page.results().get(0);
        if (result instanceof MappingResult.Rejected rejected) {
            deadLetters.recordFailedReplay(letter.id(), rejected.reason());
            return new Outcome(letter.id(), "open", rejected.reason());
        }
        transaction.executeWithoutResult(status -> {
            committer.commit(new PageCommit(null, connection, null, page, null));
            deadLetters.markReplayed(letter.id());
        });
        return new Outcome(letter.id(), "replayed", null);
    }
}
