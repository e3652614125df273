package io.mekong.sandbox.targets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** Mailchimp's limiter: at most {@code max} calls in progress at once per API key. */
public final class ConnectionLimit {

    private final int max;
    private final Map<String, Semaphore> open = new ConcurrentHashMap<>();

    public ConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, was " + max);
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** Opens a connection for {@code key} if fewer than {@code max} are open; returns whether it did. */
    public boolean tryOpen(String key) {
        return open.computeIfAbsent(key, k -> new Semaphore(max)).tryAcquire();
    }

    /** Closes a connection {@link #tryOpen} opened. */
    public void close(String key) {
        open.get(key).release();
    }
}
