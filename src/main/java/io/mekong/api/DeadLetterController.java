package io.mekong.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.deadletter.DeadLetterService;
import io.mekong.deadletter.DeadLetterService.BulkReplay;
import io.mekong.store.DeadLetterFilter;
import io.mekong.store.DeadLetterView;
import io.mekong.store.Listing;
import io.mekong.store.ReplayOutcome;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rejected records, filterable by connection, entity, reason, status and creation time; fixed by editing, stored by
 * replaying (the console does the same through {@link DeadLetterService}).
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetterService deadLetters;
    private final ConnectionAccess connections;

    DeadLetterController(DeadLetterService deadLetters, ConnectionAccess connections) {
        this.deadLetters = deadLetters;
        this.connections = connections;
    }

    @GetMapping("/{id}")
    DeadLetterView get(@PathVariable long id) {
        return deadLetters.get(id);
    }

    /** Replaces the payload of an open dead letter with the request body (any JSON). */
    @PutMapping("/{id}")
    DeadLetterView edit(@PathVariable long id, @RequestBody JsonNode payload) {
        return deadLetters.edit(id, payload.toString());
    }

    @PostMapping("/{id}/replay")
    ReplayOutcome replay(@PathVariable long id) {
        return deadLetters.replay(id);
    }

    /**
     * Replays every open dead letter matching the filters, oldest first, at most {@value DeadLetterService#BULK_LIMIT}
     * per request.
     */
    @PostMapping("/replay")
    BulkReplay replayAll(@RequestParam(required = false) String connection,
                         @RequestParam(required = false) String workspace,
                         @RequestParam(required = false) String entity,
                         @RequestParam(required = false) String reason,
                         @RequestParam(required = false) Instant from,
                         @RequestParam(required = false) Instant to) {
        return deadLetters.replayMatching(filter(connection, workspace, entity, reason, null, from, to));
    }

    /** @param from created at or after (ISO-8601, e.g. 2026-01-31T00:00:00Z); @param to created before */
    @GetMapping
    Listing<DeadLetterView> list(@RequestParam(required = false) String connection,
                                 @RequestParam(required = false) String workspace,
                                 @RequestParam(required = false) String entity,
                                 @RequestParam(required = false) String reason,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(defaultValue = "50") int limit) {
        return deadLetters.list(filter(connection, workspace, entity, reason, status, from, to), cursor, limit);
    }

    private DeadLetterFilter filter(String connection, String workspace, String entity, String reason, String status,
                                    Instant from, Instant to) {
        return new DeadLetterFilter(connections.workspace(workspace), connections.idIfNamed(connection, workspace),
                entity, reason, status, from, to);
    }
}
