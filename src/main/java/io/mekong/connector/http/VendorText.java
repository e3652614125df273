package io.mekong.connector.http;

/**
 * Text that came from a vendor, made fit to show a merchant: control and format characters gone, whitespace
 * collapsed, and short. Only what a vendor meant as a message passes through here; a body itself is never shown.
 */
public final class VendorText {

    static final int MAX_CHARS = 300;

    private VendorText() {
    }

    public static String clean(String text) {
        String plain = text.replaceAll("[\\p{Cc}\\p{Cf}\\s]+", " ").strip();
        return plain.length() <= MAX_CHARS ? plain : plain.substring(0, MAX_CHARS) + "…";
    }
}
