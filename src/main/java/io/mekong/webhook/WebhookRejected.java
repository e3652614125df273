package io.mekong.webhook;

/** A delivery refused before anything was stored: the HTTP status and the reason the sender is told. */
public class WebhookRejected extends RuntimeException {

    private final int status;
    private final String error;

    public WebhookRejected(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
