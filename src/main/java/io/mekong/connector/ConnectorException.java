package io.mekong.connector;

/**
 * A failure talking to an external system that retries could not overcome. The message names the system,
 * the HTTP status and the vendor's error text (never a secret), e.g.
 * "shopify: HTTP 401 from POST /admin/api/2025-10/graphql.json: [API] Invalid API key or access token".
 */
public class ConnectorException extends RuntimeException {

    private final int status;
    private final String vendorCode;
    private final java.time.Duration retryAfter;

    public ConnectorException(String message, int status, Throwable cause) {
        this(message, status, null, cause);
    }

    public ConnectorException(String message, int status, String vendorCode, Throwable cause) {
        this(message, status, vendorCode, null, cause);
    }

    /** @param retryAfter what the system's last answer asked for in {@code Retry-After}, or null */
    public ConnectorException(String message, int status, String vendorCode, java.time.Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.vendorCode = vendorCode;
        this.retryAfter = retryAfter;
    }

    /** The wait the system's last answer asked for ({@code Retry-After} in seconds), or null when it gave none. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public ConnectorException(String message, int status) {
        this(message, status, null);
    }

    /** The HTTP status that ended the request, or 0 when there was no response (timeout, refused). */
    public int status() {
        return status;
    }

    /** The vendor's error code from the body (e.g. Shopee {@code error_auth}), or null. */
    public String vendorCode() {
        return vendorCode;
    }

    /**
     * The reason worth showing for a failure that Camel or Spring may have wrapped: the connector's own message
     * (it names the vendor's status and error, e.g. Shopify's 401), else the innermost cause's.
     */
    public static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof ConnectorException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
