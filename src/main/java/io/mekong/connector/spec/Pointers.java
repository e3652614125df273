package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;

final class Pointers {

    private Pointers() {
    }

    /**
     * A record selector compiled: {@code /} is read as the whole answer (a top-level list, as WordPress REST answers),
     * like the empty pointer, rather than RFC 6901's member named "" that no API has.
     */
    static JsonPointer compile(String pointer) {
        return pointer.equals("/") ? JsonPointer.empty() : JsonPointer.compile(pointer);
    }

    /** Validates a JSON Pointer option (RFC 6901, e.g. {@code /data/orders/nodes}). */
    static String check(String pointer, String option) {
        SpecProblem.require(pointer, option);
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new SpecProblem(option, "must be a JSON Pointer such as /data/orders/nodes (was '" + pointer + "')");
        }
        return pointer;
    }
}
