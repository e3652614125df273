package io.mekong.connector.http;

import java.time.Duration;

/** Waits; injectable so tests can observe waits without spending them. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
