package io.mekong.sandbox.lazada;

/**
 * Lazada hides buyers' phone numbers from sellers: the first two and the last two digits are kept, every digit
 * between them is a star, as in {@code 84*******78} (the documentation's samples show the same form, e.g.
 * {@code 61****7}). A masked number is no identity key and is never turned into E.164.
 */
final class LazadaPhones {

    private LazadaPhones() {
    }

    static String mask(String phone) {
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() <= 4) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }
}
