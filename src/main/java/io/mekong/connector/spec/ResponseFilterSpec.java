package io.mekong.connector.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of {@code responseFilters} (on the requester, a stream, a details block or a child request; the more
 * specific ones are tried first): what to do with a response that matches, instead of the default handling.
 *
 * @param status  HTTP statuses that match (any, when absent)
 * @param body    a predicate on the JSON body (2xx included), e.g. {@code {pointer: /error/code, equals: rate_limited}}
 * @param action  {@code ignore} (an empty answer: no records), {@code fail} (the request fails with {@code message}) or
 *                {@code retry} (retried under the requester's retry policy, then fails)
 * @param message what a failure says (default: the vendor's own error text)
 */
public record ResponseFilterSpec(List<Integer> status, Body body, String action, String message) {

    public static final String IGNORE = "ignore";
    public static final String FAIL = "fail";
    public static final String RETRY = "retry";

    public ResponseFilterSpec {
        status = status == null ? List.of() : List.copyOf(status);
        if (status.isEmpty() && body == null) {
            throw new SpecProblem("status", "or body is required: a filter that matches every response would hide every error");
        }
        SpecProblem.require(action, "action");
        if (!action.equals(IGNORE) && !action.equals(FAIL) && !action.equals(RETRY)) {
            throw new SpecProblem("action", "must be ignore, fail or retry (was '" + action + "')");
        }
    }

    /** The body predicate: the value at {@code pointer} equals {@code equals} (numbers and text compared as text). */
    public record Body(String pointer, JsonNode equals) {
        public Body {
            Pointers.check(pointer, "body.pointer");
            SpecProblem.require(equals, "body.equals");
        }

        boolean matches(JsonNode json) {
            JsonNode value = json == null ? null : json.at(pointer);
            if (value == null || value.isMissingNode()) {
                return false;
            }
            return equals.isValueNode() && value.isValueNode() ? equals.asText().equals(value.asText()) : equals.equals(value);
        }
    }

    /** Whether a response with this status and (lazily parsed) JSON body matches. */
    public boolean matches(int responseStatus, java.util.function.Supplier<JsonNode> json) {
        return (status.isEmpty() || status.contains(responseStatus)) && (body == null || body.matches(json.get()));
    }
}
