package io.mekong.connector.contract;

import io.mekong.connector.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's time in a contract case: fixed at the case's {@code now}, so that timestamps and the signatures over
 * them come out the same on every run (a retried request is then byte for byte the first one), and a sleeper that
 * only notes how long the engine chose to wait.
 */
final class CaseClock extends Clock implements Sleeper {

    private final Instant now;
    private final Consumer<Duration> onSleep;
    private final List<Duration> sleeps = new ArrayList<>();

    /** @param onSleep told of every wait (the recorder moves the simulator's clock by it) */
    CaseClock(Instant now, Consumer<Duration> onSleep) {
        this.now = now;
        this.onSleep = onSleep;
    }

    CaseClock(Instant now) {
        this(now, wait -> { });
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        onSleep.accept(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
