package io.mekong.sync;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A scheduled pull of some streams of one connection.
 *
 * @param timeZone where the times of its cron schedule are read
 */
public record SyncJob(long id, String workspaceId, String connectionId, List<String> streams, String schedule,
                      ZoneId timeZone, boolean enabled, Instant createdAt, Instant updatedAt) {

    public SyncJob {
        streams = List.copyOf(streams);
    }

    /** Whether Quartz fires it: enabled, with a schedule. */
    public boolean scheduled() {
        return enabled && schedule != null && !schedule.isBlank();
    }
}
