package io.mekong.api;

import io.mekong.identity.MergeLedger;
import io.mekong.identity.ProfileMerges;
import io.mekong.ops.WorkspaceScope;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merge ledger: a profile's merges, undoing one, rebuilding a workspace's profiles, and the keys the guards took out
 * of play. Scoped like every record: a profile outside the caller's workspace is a 404.
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileMergeController {

    /** Guarded keys listed at most. */
    static final int GUARDED_LIMIT = 500;

    private final MergeLedger ledger;
    private final ProfileMerges merges;
    private final ConnectionAccess connections;
    private final WorkspaceScope scope;

    ProfileMergeController(MergeLedger ledger, ProfileMerges merges, ConnectionAccess connections, WorkspaceScope scope) {
        this.ledger = ledger;
        this.merges = merges;
        this.connections = connections;
        this.scope = scope;
    }

    @GetMapping("/{id}/merges")
    Map<String, List<MergeLedger.Merge>> merges(@PathVariable long id) {
        return Map.of("merges", merges.merges(id));
    }

    /** Body {@code {"merge": <ledger id>}} → the profiles the two sides are in now. */
    @PostMapping("/{id}/unmerge")
    MergeLedger.Unmerged unmerge(@PathVariable long id, @RequestBody Map<String, Object> body) {
        if (!(body.get("merge") instanceof Number merge)) {
            throw new IllegalArgumentException("merge is required: the id of one of the profile's merges, e.g. {\"merge\": 12}");
        }
        try {
            return merges.unmerge(id, merge.longValue(), SecurityContextHolder.getContext().getAuthentication().getName());
        } catch (MergeLedger.Refused refused) {
            if (refused.refusal() instanceof MergeLedger.UnknownMerge) {
                throw new NotFoundException("Merge " + merge + " of profile " + id);
            }
            throw new ConflictException(refused.getMessage());
        }
    }

    /** Admins and operators: every profile of a workspace again from its records. */
    @PostMapping("/rebuild")
    MergeLedger.Rebuilt rebuild(@RequestParam(required = false) String workspace) {
        if (scope.confinedTo().isPresent()) {
            throw new AccessDeniedException("rebuilding profiles is for admins and operators");
        }
        if (workspace == null || workspace.isBlank()) {
            throw new IllegalArgumentException("workspace is required: POST /api/profiles/rebuild?workspace=<id>");
        }
        if (!ledger.workspaceExists(workspace)) {
            throw new NotFoundException("Workspace " + workspace);
        }
        return ledger.rebuild(workspace);
    }

    /** Keys held by more distinct names than identity.yaml's guards.maxNamesPerKey allows, values masked partly. */
    @GetMapping("/guarded-keys")
    Map<String, List<MergeLedger.GuardedKey>> guardedKeys(@RequestParam(required = false) String workspace) {
        String confined = connections.workspace(workspace);
        if (confined == null) {
            throw new IllegalArgumentException("workspace is required: GET /api/profiles/guarded-keys?workspace=<id>");
        }
        return Map.of("keys", ledger.guardedKeys(confined, GUARDED_LIMIT));
    }
}
