package io.mekong.sandbox;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How people type the same email, phone and name at different checkouts, so that the seeds show one person in
 * every realistic form: the case of an email, every form of a phone number, a name without its diacritics, and
 * now and then a typo. Each form is chosen by a number the seed already has (an id), not drawn, so that adding
 * variation never shifts the seeds' random draws.
 */
public final class PeopleTyping {

    private PeopleTyping() {
    }

    /** {@code Nguyễn Thị Ánh} as typed without a Vietnamese keyboard: {@code Nguyen Thi Anh}. */
    public static String withoutDiacritics(String text) {
        if (text == null) {
            return null;
        }
        String folded = text.replace('Đ', 'D').replace('đ', 'd');
        return Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** An email as it is, in capitals, or capitalised at each dot ({@code An.Nguyen@Gmail.com}), by {@code n}. */
    public static String email(String email, long n) {
        return switch ((int) (n % 3)) {
            case 0 -> email;
            case 1 -> email.toUpperCase(Locale.ROOT);
            default -> capitalised(email);
        };
    }

    /** An email with two letters of its domain swapped, as a hurried buyer types it ({@code gamil.com}). */
    public static String typo(String email) {
        int at = email.indexOf('@');
        if (at < 0 || email.length() - at < 4) {
            return email;
        }
        char[] chars = email.toCharArray();
        char second = chars[at + 2];
        chars[at + 2] = chars[at + 3];
        chars[at + 3] = second;
        return new String(chars);
    }

    /**
     * An E.164 number in one of the forms people type it, by {@code n}: for Vietnam {@code +84912345678},
     * {@code 0912 345 678}, {@code +84 912 345 678}, {@code 84912345678}, {@code (+84) 912345678}, {@code 0912345678};
     * for North America {@code +12125551234}, {@code (212) 555-1234}, {@code +1 212-555-1234}, {@code 212.555.1234}.
     */
    public static String phone(String e164, long n) {
        if (e164.startsWith("+84") && e164.length() == 12) {
            String national = e164.substring(3);
            String spaced = national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6);
            return switch ((int) (n % 6)) {
                case 0 -> e164;
                case 1 -> "0" + spaced;
                case 2 -> "+84 " + spaced;
                case 3 -> "84" + national;
                case 4 -> "(+84) " + national;
                default -> "0" + national;
            };
        }
        if (e164.startsWith("+1") && e164.length() == 12) {
            String area = e164.substring(2, 5);
            String exchange = e164.substring(5, 8);
            String line = e164.substring(8);
            return switch ((int) (n % 4)) {
                case 0 -> e164;
                case 1 -> "(" + area + ") " + exchange + "-" + line;
                case 2 -> "+1 " + area + "-" + exchange + "-" + line;
                default -> area + "." + exchange + "." + line;
            };
        }
        return e164;
    }

    /** "anh.nguyen@example.com" → "Anh.Nguyen@Example.com", as people type it on a phone keyboard. */
    public static String capitalised(String email) {
        StringBuilder out = new StringBuilder(email.length());
        boolean start = true;
        for (char ch : email.toCharArray()) {
            out.append(start ? Character.toUpperCase(ch) : ch);
            start = ch == '.' || ch == '@';
        }
        return out.toString();
    }
}
