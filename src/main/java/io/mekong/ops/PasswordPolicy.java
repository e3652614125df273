package io.mekong.ops;

import java.nio.charset.StandardCharsets;

/** What a password chosen through the API or the console must be. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    /** BCrypt reads only the first 72 bytes; a longer password would be silently shortened. */
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    static void check(String field, String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw RefusedChange.invalid(field, "admin.error.password-short",
                    field + " must be at least " + MIN_LENGTH + " characters long", MIN_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw RefusedChange.invalid(field, "admin.error.password-long",
                    field + " must be at most " + MAX_BYTES + " bytes long (UTF-8)", MAX_BYTES);
        }
        if (password.equalsIgnoreCase(username)) {
            throw RefusedChange.invalid(field, "admin.error.password-username", field + " must not be the user name");
        }
    }
}
