package io.mekong.profile;

import io.mekong.identity.ProfileListener;
import java.util.Set;

/** Brings the golden record and the totals of changed profiles up to date, in the transaction that changed them. */
public class ProfileRefresher implements ProfileListener {

    private final GoldenRecord golden;
    private final ProfileTotals totals;

    public ProfileRefresher(GoldenRecord golden, ProfileTotals totals) {
        this.golden = golden;
        this.totals = totals;
    }

    @Override
    public void profilesChanged(String workspaceId, Set<Long> profileIds) {
        golden.refresh(profileIds);
        totals.refresh(profileIds);
    }
}
