package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The SHA-256 (hex) of the normalised email (trimmed, lower-cased) and E.164 phone an object is written with: the
 * same hashes an erasure event carries (docs/events.md, erasure), so that it finds the person's objects.
 */
public final class KeyHashes {

    private KeyHashes() {
    }

    public static String email(String email) {
        return sha256(email.trim().toLowerCase(Locale.ROOT));
    }

    public static String phone(String e164) {
        return sha256(e164.trim());
    }

    /** The hashes of the email and phone fields of event data that has them. */
    public static Set<String> of(JsonNode data) {
        Set<String> hashes = new LinkedHashSet<>();
        if (data.hasNonNull("email") && !data.get("email").asText().isBlank()) {
            hashes.add(email(data.get("email").asText()));
        }
        if (data.hasNonNull("phone") && !data.get("phone").asText().isBlank()) {
            hashes.add(phone(data.get("phone").asText()));
        }
        return hashes;
    }

    /** The hashes an erasure event names ({@code data.keys.email} and {@code data.keys.phone}). */
    public static Set<String> ofErasure(JsonNode data) {
        Set<String> hashes = new LinkedHashSet<>();
        data.path("keys").path("email").forEach(h -> hashes.add(h.asText()));
        data.path("keys").path("phone").forEach(h -> hashes.add(h.asText()));
        return hashes;
    }

    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest("SHA-256", text));
    }

    /** Mailchimp's subscriber hash: the MD5 (hex) of the lower-cased email. */
    public static String subscriberHash(String email) {
        return HexFormat.of().formatHex(digest("MD5", email.trim().toLowerCase(Locale.ROOT)));
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
