package io.mekong.web.dashboard;

import java.time.Instant;

/** A run in the dashboard's lists and its records-per-run chart. @param connection the connection's API id */
public record RecentRun(long id, String workspace, String connection, String status, String trigger, Instant queuedAt,
                        Instant finishedAt, RunCounts counts) {
}
