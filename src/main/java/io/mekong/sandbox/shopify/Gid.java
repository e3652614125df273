package io.mekong.sandbox.shopify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shopify global ids: {@code gid://shopify/Order/450789469}. */
public final class Gid {

    private static final Pattern GID = Pattern.compile("^gid://shopify/([A-Za-z]+)/(\\d+)(\\?.*)?$");

    private Gid() {
    }

    public static String of(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The numeric id when {@code gid} names a resource of {@code type}. */
    public static Optional<Long> parse(String gid, String type) {
        Matcher m = GID.matcher(gid == null ? "" : gid);
        if (!m.matches() || !m.group(1).equals(type)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
