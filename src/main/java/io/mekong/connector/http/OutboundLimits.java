package io.mekong.connector.http;

import java.time.Duration;

/**
 * How much of a vendor's answer the hub reads, and for how long it waits for the whole of it: the socket's read
 * timeout alone lets a body dripping one byte a second hold a run for ever.
 *
 * @param maxResponseBytes the largest response body read (after decompression)
 * @param responseDeadline from sending a request to the last byte of its answer
 */
public record OutboundLimits(long maxResponseBytes, Duration responseDeadline) {

    /** mekong.http's defaults, for engines built outside Spring (tests, tools). */
    public static final OutboundLimits DEFAULT = new OutboundLimits(16L * 1024 * 1024, Duration.ofMinutes(2));

    public OutboundLimits {
        if (maxResponseBytes < 1 || responseDeadline.isNegative() || responseDeadline.isZero()) {
            throw new IllegalArgumentException("response limits must be positive (" + maxResponseBytes + " bytes, "
                    + responseDeadline + ")");
        }
    }
}
