package io.mekong.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a recorded query parameter or header is matched: a plain value exactly; {@code {present: true}} when any value
 * will do; {@code {matches: REGEX}} for values that change on every run (a nonce, and a signature over it).
 */
final class ValueRule {

    private ValueRule() {
    }

    /** What is wrong with {@code actual} (null when absent) against the recorded rule, or empty when it matches. */
    static Optional<String> check(String what, JsonNode rule, String actual) {
        if (rule.isObject()) {
            if (rule.has("present")) {
                boolean wanted = rule.get("present").asBoolean();
                return wanted == (actual != null) ? Optional.empty()
                        : Optional.of(what + (wanted ? " is missing" : " was sent but must not be: " + actual));
            }
            if (rule.has("matches")) {
                if (actual == null) {
                    return Optional.of(what + " is missing (recorded: matches " + rule.get("matches").asText() + ")");
                }
                return Pattern.compile(rule.get("matches").asText()).matcher(actual).matches() ? Optional.empty()
                        : Optional.of(what + " is " + actual + ", which does not match " + rule.get("matches").asText());
            }
            throw new IllegalArgumentException(what + ": a rule is a value, {present: true|false} or {matches: REGEX}, not " + rule);
        }
        String expected = rule.asText();
        if (actual == null) {
            return Optional.of(what + " is missing (recorded: " + expected + ")");
        }
        return expected.equals(actual) ? Optional.empty()
                : Optional.of(what + " is " + actual + " but the recording has " + expected);
    }
}
