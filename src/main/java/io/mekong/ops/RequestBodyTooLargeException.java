package io.mekong.ops;

import java.io.IOException;

/**
 * Thrown to whoever reads a request body past its limit ({@link RequestSizeLimits}); the API answers it with 413,
 * as the limit's filter answers a body declared too large before anyone reads it.
 */
public class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(String message) {
        super(message);
    }
}
