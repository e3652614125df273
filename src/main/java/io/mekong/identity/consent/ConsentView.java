package io.mekong.identity.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A person's consent on one channel as the winning statement gives it.
 *
 * @param status   subscribed, unsubscribed, pending or not_subscribed
 * @param statedAt when the source says it was stated, never later than it was received; null when the source does
 *                 not say
 * @param evidence the source's own words (raw state, opt-in level, where it was collected)
 */
public record ConsentView(String status, Source source, Instant statedAt, JsonNode evidence) {

    /** Where the statement came from: the connection, its connector and the source field. */
    public record Source(String connection, String connector, String field) {
    }
}
