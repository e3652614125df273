package io.mekong.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.mekong.store.Emails;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where a source's values become matching keys. Emails: {@link Emails#normalize} plus the provider rules
 * of identity.yaml. Phones: the mappings already wrote E.164 with the connection's default region; a value that is not
 * E.164 (a masked {@code ******64}, a number a mapping let through) is no key. Names: {@link Names#fold}. A masked value
 * (any {@code *}) and a blocklisted one are never keys.
 */
public final class Keys {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");

    private final IdentityRules.EmailRules emailRules;
    private final Set<String> plusTagDomains;
    private final Map<String, List<Pattern>> blocklist = new HashMap<>();

    public Keys(IdentityRules rules) {
        this.emailRules = rules.emails();
        this.plusTagDomains = rules.emails().plusTagDomains().stream().map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        rules.guards().blocklist().forEach((kind, patterns) -> blocklist.put(kind, patterns.stream().map(Keys::glob).toList()));
    }

    /** The email's key, or null when it is no key (blank, masked, not an address, blocklisted). */
    public String email(String email) {
        String normal = Emails.normalize(email);
        if (normal == null || masked(normal)) {
            return null;
        }
        int at = normal.lastIndexOf('@');
        if (at <= 0 || at == normal.length() - 1) {
            return null;
        }
        String local = normal.substring(0, at);
        String domain = normal.substring(at + 1);
        if (emailRules.gmail() && GMAIL.contains(domain)) {
            local = withoutTag(local).replace(".", "");
            domain = "gmail.com";
        } else if (plusTagDomains.contains(domain)) {
            local = withoutTag(local);
        }
        return unlessBlocked("email", local + "@" + domain);
    }

    /** The phone's key: the value itself when it is E.164, else null. */
    public String phone(String phone) {
        if (phone == null || masked(phone) || !phone.startsWith("+")) {
            return null;
        }
        try {
            String e164 = PHONES.format(PHONES.parse(phone, null), PhoneNumberUtil.PhoneNumberFormat.E164);
            return e164.equals(phone) ? unlessBlocked("phone", phone) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The phone and name key of a phone key and a folded name, or null when either is missing. */
    public String phoneName(String phoneKey, String foldedName) {
        return phoneKey == null || foldedName == null ? null : unlessBlocked("phone_name", phoneKey + "|" + foldedName);
    }

    /** A link key: connector {@code to}'s customer {@code id}. */
    public String link(String to, String id) {
        return id == null || id.isBlank() || masked(id) ? null : unlessBlocked("link", to + ":" + id.strip());
    }

    public static String name(String name) {
        return Names.fold(name);
    }

    private String unlessBlocked(String kind, String value) {
        return blocklist.getOrDefault(kind, List.of()).stream().anyMatch(p -> p.matcher(value).matches()) ? null : value;
    }

    private static boolean masked(String value) {
        return value.indexOf('*') >= 0;
    }

    private static String withoutTag(String local) {
        int plus = local.indexOf('+');
        return plus > 0 ? local.substring(0, plus) : local;
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
