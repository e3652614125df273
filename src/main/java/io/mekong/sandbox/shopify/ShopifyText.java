package io.mekong.sandbox.shopify;

import java.text.Normalizer;
import java.util.Locale;

final class ShopifyText {

    private ShopifyText() {
    }

    static String join(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** "Nguyễn Thị Ánh" → "nguyen thi anh": what Vietnamese shoppers type in email addresses and handles. */
    static String ascii(String text) {
        String folded = text.replace('Đ', 'D').replace('đ', 'd');
        return Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static String handle(String title) {
        return ascii(title).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
