package io.mekong.connector.spec;

import java.time.Duration;
import java.util.List;

/**
 * The {@code requester.retry} block: which failures are retried and how long to back off (capped exponential
 * backoff with full jitter; a {@code Retry-After} header on 429/503 replaces the backoff).
 *
 * @param retryOn HTTP statuses (429 or 5xx only: other 4xx never succeed on retry), {@code timeout} and
 *                {@code connectionError} (refused or reset connections)
 */
public record RetrySpec(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, List<String> retryOn) {

    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION_ERROR = "connectionError";
    public static final RetrySpec DEFAULT = new RetrySpec(null, null, null, null);

    public RetrySpec {
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        retryOn = retryOn == null ? List.of("429", "500", "502", "503", "504", TIMEOUT, CONNECTION_ERROR) : List.copyOf(retryOn);
        if (maxAttempts < 1) {
            throw new SpecProblem("maxAttempts", "must be at least 1 (was " + maxAttempts + ")");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new SpecProblem("maxBackoff", "must not be shorter than initialBackoff");
        }
        for (String entry : retryOn) {
            if (!entry.equals(TIMEOUT) && !entry.equals(CONNECTION_ERROR) && !retryableStatus(entry)) {
                throw new SpecProblem("retryOn", "entries must be 429, a 5xx status, '" + TIMEOUT + "' or '"
                        + CONNECTION_ERROR + "' (was '" + entry + "')");
            }
        }
    }

    private static boolean retryableStatus(String entry) {
        try {
            int status = Integer.parseInt(entry);
            return status == 429 || (status >= 500 && status <= 599);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public boolean retriesStatus(int status) {
        return retryOn.contains(Integer.toString(status));
    }

    public boolean retriesTimeouts() {
        return retryOn.contains(TIMEOUT);
    }

    public boolean retriesConnectionErrors() {
        return retryOn.contains(CONNECTION_ERROR);
    }
}
