package io.mekong.connector.spec;

import com.fasterxml.jackson.core.JsonPointer;

final class Pointers {

    private Pointers() {
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
