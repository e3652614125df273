package io.mekong.sandbox.targets;

/**
 * A rate limiter's answer to one call: whether it may go, and the window's state for the vendor's headers.
 *
 * @param allowed           the call may go (and was counted)
 * @param limit             calls the window allows
 * @param remaining         calls left in the window after this one
 * @param resetSeconds      seconds until the window frees a call
 * @param retryAfterSeconds when refused: seconds until a call would be allowed (at least 1)
 */
public record Quota(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static long ceilSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
