package io.mekong.identity;

import java.util.Set;

/**
 * Told, inside the transaction that changed them, which profiles gained or lost identities or whose identities' records
 * changed (an order stored, a customer edited): what is derived from a profile (its golden record, its totals) is
 * brought up to date in that same transaction. A profile id in the set may no longer exist (merged away or emptied).
 */
public interface ProfileListener {

    /** @param workspaceId the workspace of every profile in the set */
    void profilesChanged(String workspaceId, Set<Long> profileIds);
}
