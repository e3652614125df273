package io.mekong.connector.spec;

import java.util.Locale;
import java.util.Set;

/** The HTTP methods a spec may name (reads: GET, and POST for GraphQL and token endpoints). */
final class HttpMethods {

    static final Set<String> ALLOWED = Set.of("GET", "POST");

    private HttpMethods() {
    }

    /** The method in upper case, {@code otherwise} when absent; a {@link SpecProblem} on {@code method} when not allowed. */
    static String check(String method, String otherwise) {
        String upper = method == null ? otherwise : method.toUpperCase(Locale.ROOT);
        if (!ALLOWED.contains(upper)) {
            throw new SpecProblem("method", "must be one of " + ALLOWED + " (was '" + method + "')");
        }
        return upper;
    }
}
