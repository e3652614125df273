package io.mekong.sink;

import java.time.Duration;

/** The target cannot take events now; {@code retryAfter} is what it asked for (Retry-After), or null. */
public class TargetUnavailableException extends Exception {

    private final Duration retryAfter;

    public TargetUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
