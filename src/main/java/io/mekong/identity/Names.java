package io.mekong.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /**
     * Whether two folded names could be one person's as people type them: every word of the shorter name is in the
     * longer one, in any order (family name first or last, a middle name left out), one of them with at most one
     * letter wrong, swapped or missing (a typo). "nguyen van an" and "an nguyen" are; "nguyen van hung" and
     * "nguyen thi lan" (a household) are not.
     */
    public static boolean compatible(String a, String b) {
        String[] one = a.split(" ");
        String[] other = b.split(" ");
        String[] shorter = one.length <= other.length ? one : other;
        List<String> longer = new ArrayList<>(List.of(one.length <= other.length ? other : one));
        // every exact word first, so that a typo is matched with the word left over for it ("tran bao trnag" and
        // "bao trang tran" are compatible in either order; "trang" must not take "tran" first)
        List<String> unmatched = new ArrayList<>();
        for (String word : shorter) {
            if (!longer.remove(word)) {
                unmatched.add(word);
            }
        }
        return unmatched.isEmpty()
                || unmatched.size() == 1 && longer.stream().anyMatch(w -> oneEditApart(unmatched.get(0), w));
    }

    /**
     * How many people these folded names stand for: each name counts with the first before it that is
     * {@link #compatible} with it, so "nguyen van an" and "an nguyen" are one, and a hotline typed on ten strangers'
     * orders is ten. Blank names are skipped.
     */
    public static int people(Collection<String> names) {
        return people(names, Integer.MAX_VALUE);
    }

    /**
     * {@link #people(Collection)}, counted no further than {@code atMost}: whether a key is over its guard's limit is
     * known at the limit, and a hotline's hundreds of names would cost a comparison of every pair.
     */
    public static int people(Collection<String> names, int atMost) {
        List<String> firsts = new ArrayList<>();
        for (String name : names) {
            if (firsts.size() >= atMost) {
                break;
            }
            if (name != null && firsts.stream().noneMatch(first -> compatible(name, first))) {
                firsts.add(name);
            }
        }
        return firsts.size();
    }

    /** One substitution, insertion, deletion or swap of neighbours apart (Damerau), for words of 3 letters or more. */
    static boolean oneEditApart(String a, String b) {
        if (a.length() < 3 || b.length() < 3 || Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int start = 0;
        while (start < Math.min(a.length(), b.length()) && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        int endA = a.length();
        int endB = b.length();
        while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
            endA--;
            endB--;
        }
        int restA = endA - start;
        int restB = endB - start;
        if (restA <= 1 && restB <= 1) {
            return true; // one letter changed, added or dropped
        }
        return restA == 2 && restB == 2 && a.charAt(start) == b.charAt(start + 1) && a.charAt(start + 1) == b.charAt(start);
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
