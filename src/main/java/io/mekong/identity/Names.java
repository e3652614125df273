package io.mekong.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The comparison form of a person's name: no diacritics ({@code Đặng Thị Hồng} = {@code dang thi hong}), lower case,
 * single spaces. Vietnamese đ/Đ is a letter of its own, not d with a mark, so Unicode decomposition leaves it: it is
 * mapped by hand. A masked name (Shopee's {@code P******n}) is no name.
 */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Names() {
    }

    /** @return the folded name, or null when {@code name} is blank or masked */
    public static String fold(String name) {
        if (name == null || name.isBlank() || name.indexOf('*') >= 0) {
            return null;
        }
        String decomposed = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }
}
