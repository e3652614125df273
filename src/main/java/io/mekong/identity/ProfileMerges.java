package io.mekong.identity;

import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A profile's merge history and undoing one of its merges, for the API and the console alike: a profile outside the
 * caller's workspace is not found, as if it did not exist.
 */
@Service
public class ProfileMerges {

    private final MergeLedger ledger;
    private final WorkspaceScope scope;

    ProfileMerges(MergeLedger ledger, WorkspaceScope scope) {
        this.ledger = ledger;
        this.scope = scope;
    }

    /** Oldest first. */
    public List<MergeLedger.Merge> merges(long profileId) {
        visibleWorkspace(profileId);
        return ledger.merges(profileId);
    }

    /**
     * @param by who asked, written to the ledger
     * @throws MergeLedger.Refused when the merge is not this profile's or was undone already
     */
    public MergeLedger.Unmerged unmerge(long profileId, long mergeId, String by) {
        return ledger.unmerge(visibleWorkspace(profileId), profileId, mergeId, by);
    }

    private String visibleWorkspace(long profileId) {
        String workspace = ledger.workspaceOf(profileId)
                .orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.PROFILE, profileId));
        scope.checkAccess(workspace, NotInWorkspaceException.Kind.PROFILE, profileId);
        return workspace;
    }
}
