package io.mekong.connector.spec;

import java.time.Duration;
import java.util.Map;

/**
 * A stream's {@code sweep} block, for systems that delete records without saying so (no webhook, no tombstone in the
 * list; Magento): now and then every key is listed, and a stored record missing from the list whose absence the
 * stream's lookup confirms becomes a tombstone.
 *
 * @param params fixed parameters added to the stream's request for the key listing, e.g. Magento's
 *               {@code fields: "items[id],total_count"} so the pages carry keys only
 * @param every  how often a stream's runs sweep (default one day)
 */
public record SweepSpec(Map<String, String> params, Duration every) {

    public SweepSpec {
        params = OrderedMaps.copy(params);
        every = every == null ? Duration.ofDays(1) : every;
        if (every.isNegative()) {
            throw new SpecProblem("every", "must not be negative (was " + every + ")");
        }
    }
}
