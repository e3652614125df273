package io.mekong.connector.http;

import java.io.IOException;
import java.time.Duration;

/** A vendor answer larger than the hub reads, or slower than it waits for: the request fails, never retried. */
public final class ResponseLimitExceeded extends IOException {

    private ResponseLimitExceeded(String message) {
        super(message);
    }

    static ResponseLimitExceeded tooLarge(long maxBytes) {
        return new ResponseLimitExceeded("response body is larger than " + maxBytes
                + " bytes (mekong.http.max-response-bytes); nothing of it was used");
    }

    static ResponseLimitExceeded tooSlow(Duration deadline) {
        return new ResponseLimitExceeded("response was not complete within " + deadline
                + " (mekong.http.response-deadline); nothing of it was used");
    }
}
