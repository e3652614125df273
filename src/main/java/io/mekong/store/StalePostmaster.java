package io.mekong.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the JVM was killed (kill -9), its embedded postmaster keeps running and holds the data directory,
 * so the next start could not open it. This stops that orphan with a fast shutdown (SIGINT), which lets
 * PostgreSQL recover from its WAL on the next start: nothing committed is lost.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running by a previous Mekong process on {}", pid, pgData);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping stale PostgreSQL " + pid, e);
        }
        if (process.get().isAlive()) {
            throw new IOException("PostgreSQL pid " + pid + " still holds " + pgData + "; stop it and start again");
        }
    }
}
