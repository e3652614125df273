package io.mekong.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One execution of a sync job, with the counts of each of its streams. */
public record SyncRun(long id, Long jobId, String workspaceId, String connectionId, String trigger, String status, String owner,
                      Instant queuedAt, Instant startedAt, Instant finishedAt, String error, List<StreamRun> streams) {

    /**
     * @param deleted          records found deleted at the source by the stream's sweep, kept as tombstones
     * @param missedByWebhooks of an incremental run of a stream that webhooks also deliver: the records it stored as new
     *                         or changed, which no webhook had delivered before it (null when that does not apply)
     * @param missingDetails   per optional detail or child of the stream, how many records were stored without it
     *                         because its request failed, e.g. {@code {"escrow": 300}}; empty when none was missing
     */
    public record StreamRun(String stream, String status, int batches, int read, int inserted, int updated,
                            int unchanged, int stale, int rejected, int deleted, Integer missedByWebhooks,
                            String error, Map<String, Integer> missingDetails) {
    }

    public SyncRun withConnectionId(String name) {
        return new SyncRun(id, jobId, workspaceId, name, trigger, status, owner, queuedAt, startedAt, finishedAt, error,
                streams);
    }

    public boolean active() {
        return status.equals("queued") || status.equals("running");
    }
}
