package io.mekong.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.ops.WorkspaceScope;
import io.mekong.store.DeadLetterView;
import io.mekong.store.DeadLetters;
import io.mekong.store.Listing;
import io.mekong.sink.DestinationReplays;
import io.mekong.sink.Destinations;
import io.mekong.store.ReplayOutcome;
import java.util.HashMap;
import java.util.Map;
import io.mekong.sync.DeadLetterReplays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rejected records, filterable by connection, entity, reason and status; fixed by editing, stored by replaying. */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    /** Dead letters replayed per bulk request at most; a larger backlog takes several requests. */
    static final int BULK_LIMIT = 1000;

    private final DeadLetters deadLetters;
    private final DeadLetterReplays replayer;
    private final DestinationReplays destinationReplayer;
    private final Destinations destinations;
    private final ConnectionAccess connections;
    private final WorkspaceScope scope;

    DeadLetterController(DeadLetters deadLetters, DeadLetterReplays replayer, DestinationReplays destinationReplayer,
                         Destinations destinations, ConnectionAccess connections, WorkspaceScope scope) {
        this.deadLetters = deadLetters;
        this.replayer = replayer;
        this.destinationReplayer = destinationReplayer;
        this.destinations = destinations;
        this.connections = connections;
        this.scope = scope;
    }

    @GetMapping("/{id}")
    DeadLetterView get(@PathVariable long id) {
        return shown(visible(id));
    }

    /** Replaces the payload of an open dead letter with the request body (any JSON). */
    @PutMapping("/{id}")
    DeadLetterView edit(@PathVariable long id, @RequestBody JsonNode payload) {
        visible(id);
        if (!deadLetters.editPayload(id, payload.toString())) {
            throw new ConflictException("dead letter " + id + " is not open; only open ones can be edited");
        }
        return shown(visible(id));
    }

    @PostMapping("/{id}/replay")
    ReplayOutcome replay(@PathVariable long id) {
        DeadLetterView letter = visible(id);
        if (!letter.status().equals("open")) {
            throw new ConflictException("dead letter " + id + " is " + letter.status() + ", not open");
        }
        return replay(List.of(letter)).get(0);
    }

    /** A source's letters go through its mapping into the store again; a destination's to its target again. */
    private List<ReplayOutcome> replay(List<DeadLetterView> letters) {
        Map<Long, ReplayOutcome> outcomes = new HashMap<>();
        List<DeadLetterView> fromSources = letters.stream().filter(l -> l.destinationId() == null).toList();
        List<DeadLetterView> toDestinations = letters.stream().filter(l -> l.destinationId() != null).toList();
        replayer.replay(fromSources).forEach(o -> outcomes.put(o.id(), o));
        destinationReplayer.replay(toDestinations).forEach(o -> outcomes.put(o.id(), o));
        return letters.stream().map(l -> outcomes.get(l.id())).toList();
    }

    /** Replays every open dead letter matching the filters, oldest first, at most {@value #BULK_LIMIT} per request. */
    @PostMapping("/replay")
    BulkReplay replayAll(@RequestParam(required = false) String connection,
                         @RequestParam(required = false) String workspace,
                         @RequestParam(required = false) String entity,
                         @RequestParam(required = false) String reason) {
        String id = connections.idIfNamed(connection, workspace);
        List<DeadLetterView> open = deadLetters.open(connections.workspace(workspace), id, entity, reason, BULK_LIMIT + 1);
        List<ReplayOutcome> outcomes = replay(open.subList(0, Math.min(open.size(), BULK_LIMIT)));
        int replayed = (int) outcomes.stream().filter(o -> o.status().equals("replayed")).count();
        return new BulkReplay(replayed, outcomes.size() - replayed, open.size() > BULK_LIMIT, outcomes);
    }

    /** @param more whether open dead letters matching the filters remain beyond this request's limit */
    record BulkReplay(int replayed, int stillOpen, boolean more, List<ReplayOutcome> outcomes) {
    }

    /** Names its connection by the global id, as replaying needs it; responses name it by {@link #shown}. */
    private DeadLetterView visible(long id) {
        DeadLetterView letter = deadLetters.find(id).orElseThrow(() -> new NotFoundException("Dead letter " + id));
        scope.checkAccess(letter.workspace(), "Dead letter " + id);
        return letter;
    }

    private DeadLetterView shown(DeadLetterView letter) {
        return named(letter, connections.apiIds());
    }

    private DeadLetterView named(DeadLetterView letter, UnaryOperator<String> apiIds) {
        DeadLetterView shown = letter.withConnection(apiIds.apply(letter.connection()));
        return letter.destinationId() == null ? shown : shown.withDestination(destinations.find(letter.destinationId())
                .map(d -> d.destination().apiId()).orElse(null));
    }

    @GetMapping
    Listing<DeadLetterView> list(@RequestParam(required = false) String connection,
                                 @RequestParam(required = false) String workspace,
                                 @RequestParam(required = false) String entity,
                                 @RequestParam(required = false) String reason,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(defaultValue = "50") int limit) {
        String id = connections.idIfNamed(connection, workspace);
        UnaryOperator<String> apiIds = connections.apiIds();
        return deadLetters.list(connections.workspace(workspace), id, entity, reason, status, cursor, limit)
                .map(letter -> named(letter, apiIds));
    }
}
