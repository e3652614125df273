package io.mekong.api;

import io.mekong.ops.WorkspaceScope;
import io.mekong.store.DeadLetterView;
import io.mekong.store.DeadLetters;
import io.mekong.store.Listing;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rejected records, filterable by connection, entity, reason and status. */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final ConnectionAccess connections;
    private final WorkspaceScope scope;

    DeadLetterController(DeadLetters deadLetters, ConnectionAccess connections, WorkspaceScope scope) {
        this.deadLetters = deadLetters;
        this.connections = connections;
        this.scope = scope;
    }

    @GetMapping
    Listing<DeadLetterView> list(@RequestParam(required = false) String connection,
                                 @RequestParam(required = false) String entity,
                                 @RequestParam(required = false) String reason,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(defaultValue = "50") int limit) {
        connections.visibleIfNamed(connection);
        return deadLetters.list(scope.confinedTo().orElse(null), connection, entity, reason, status, cursor, limit);
    }
}
