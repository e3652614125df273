package io.mekong.sandbox.targets;

/**
 * A request a simulated target refuses as malformed (a missing field, a value of the wrong kind): thrown where the
 * body is read and answered by the target in its own error shape, naming {@code field} as the vendor names fields
 * (a JSON pointer for Klaviyo, a field name for Mailchimp and HubSpot).
 */
public final class Invalid extends RuntimeException {

    private final String field;

    public Invalid(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
