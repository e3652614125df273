package io.mekong.ops;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without a password check: too many recent failures from its address or for its user. */
class SignInThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    SignInThrottledException(Duration wait) {
        super("Too many failed sign-ins");
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** Whole seconds to wait, for the {@code Retry-After} header; at least 1. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
