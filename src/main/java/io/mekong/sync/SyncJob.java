package io.mekong.sync;

import java.time.Instant;
import java.util.List;

/** A scheduled pull of some streams of one connection. */
public record SyncJob(long id, String workspaceId, String connectionId, List<String> streams, String schedule,
                      boolean enabled, Instant createdAt, Instant updatedAt) {

    public SyncJob {
        streams = List.copyOf(streams);
    }
}
