package io.mekong.web.dashboard;

import java.time.Instant;

/**
 * A connection on the dashboard: its health, read from its last run, and the dead letters it waits on.
 *
 * @param health       {@code ok} (its last run succeeded), {@code failing} (it failed or was interrupted),
 *                     {@code running} (queued or running) or {@code idle} (never run: a target, or not scheduled yet)
 * @param lastRun      null when it never ran
 * @param deadLetters  open dead letters of its records (a destination's are counted with the destination)
 */
public record ConnectionHealth(String id, String workspace, String name, String connector, String health,
                               LastRun lastRun, long deadLetters) {

    public record LastRun(long id, String status, Instant queuedAt, Instant finishedAt, RunCounts counts) {
    }

    static String health(String lastRunStatus) {
        if (lastRunStatus == null) {
            return "idle";
        }
        return switch (lastRunStatus) {
            case "succeeded" -> "ok";
            case "queued", "running" -> "running";
            default -> "failing";
        };
    }
}
