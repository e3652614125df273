package io.mekong.connector.http;

import java.time.Duration;

/** Waits; injectable so tests can observe waits without spending them, and the hub can end them when a route stops. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;
}
