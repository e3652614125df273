package io.mekong.webhook;

/**
 * What processing made of a delivery: its final status ({@code processed}, {@code failed}, {@code ignored}), the
 * outcome shown to operators, and the key of the record it named, when known.
 */
public record Settlement(String status, String outcome, String recordKey) {

    public static Settlement processed(String outcome, String recordKey) {
        return new Settlement("processed", outcome, recordKey);
    }

    public static Settlement processed(String outcome) {
        return processed(outcome, null);
    }
}
