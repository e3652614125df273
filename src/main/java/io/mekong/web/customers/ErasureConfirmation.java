package io.mekong.web.customers;

import io.mekong.profile.ProfileReader;
import java.util.Locale;

/**
 * What a person must type before an erasure: the customer's email, which they can read on the page and which makes
 * them look at whom they erase; for a profile without one, {@code erase-<id>}.
 */
final class ErasureConfirmation {

    private ErasureConfirmation() {
    }

    static String expected(ProfileReader.Profile profile) {
        String email = profile.golden().path("email").asText("");
        return email.isBlank() ? "erase-" + profile.id() : email;
    }

    /** Case and surrounding spaces do not matter (an email's case means nothing); anything else does. */
    static boolean matches(String expected, String typed) {
        return typed != null && typed.strip().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
    }
}
