package io.mekong.connector.http;

import java.io.IOException;

/** Decides which failures are worth another attempt and what the vendor said about a final one. */
public interface ErrorHandler {

    boolean isRetryable(HttpResult result);

    boolean isRetryable(IOException error);

    /** Whether a response is a failure: any non-2xx, and for some APIs a 2xx whose body says so. */
    default boolean failed(HttpResult result) {
        return !result.isSuccess();
    }

    /** The vendor's error code of a failed response, when its body carries one. */
    default String vendorCode(HttpResult result) {
        return null;
    }

    /** The vendor's own error text from a failed response, short and free of secrets. */
    String vendorMessage(HttpResult result);
}
