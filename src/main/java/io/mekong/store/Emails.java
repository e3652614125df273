package io.mekong.store;

import java.text.Normalizer;
import java.util.Locale;

/** The matching form of an email: trimmed, Unicode NFC, lower case. The original stays for display. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return Normalizer.normalize(email.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
