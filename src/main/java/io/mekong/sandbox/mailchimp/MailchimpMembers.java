package io.mekong.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.targets.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The members of the simulated list, keyed by subscriber hash (MD5 of the lower-cased email), with their merge
 * fields, tags and status, and the hashes of the permanently deleted: Mailchimp refuses those emails for good.
 */
final class MailchimpMembers {

    /** The list's merge fields; others sent are ignored. */
    static final List<String> MERGE_FIELDS = List.of("FNAME", "LNAME", "PHONE");
    static final Set<String> STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending", "transactional");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** A member write Mailchimp refuses: a title for a problem, an {@code error_code} for a batch. */
    static final class Rejected extends RuntimeException {
        final String title;
        final String errorCode;
        final String field;

        Rejected(String title, String errorCode, String field, String message) {
            super(message, null, false, false);
            this.title = title;
            this.errorCode = errorCode;
            this.field = field;
        }
    }

    private static final class Member {
        String hash;
        String email;
        String status;
        final ObjectNode mergeFields = Json.object();
        final Set<String> tags = new LinkedHashSet<>();
        final Instant signup;
        Instant changed;

        Member(String hash, String email, Instant at) {
            this.hash = hash;
            this.email = email;
            this.signup = at;
            this.changed = at;
            MERGE_FIELDS.forEach(f -> mergeFields.put(f, ""));
        }
    }

    /** A member written: its document and whether it was new to the list. */
    record Written(ObjectNode member, boolean created) {
    }

    private final Clock clock;
    private final String listId;
    private final Map<String, Member> byHash = new LinkedHashMap<>();
    private final Set<String> forgotten = new HashSet<>();
    private long archivedCount;
    private long permanentlyDeleted;

    MailchimpMembers(Clock clock, String listId) {
        this.clock = clock;
        this.listId = listId;
    }

    static String hash(String email) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JVM", e);
        }
    }

    /**
     * Adds or updates a member as {@code PUT /lists/{id}/members/{hash}} and the batch subscribe do. A new (or
     * archived) member takes {@code status}, else {@code status_if_new}; an existing one takes {@code status} if
     * given. With {@code updateExisting} false an existing member is refused (the batch's default).
     */
    synchronized Written write(String email, String status, String statusIfNew, ObjectNode mergeFields, boolean updateExisting) {
        if (email == null || email.isBlank()) {
            throw new Rejected(MailchimpErrors.INVALID_RESOURCE, "ERROR_GENERIC", "email_address", "This value should not be blank.");
        }
        if (!EMAIL.matcher(email.trim()).matches()) {
            throw new Rejected(MailchimpErrors.INVALID_RESOURCE, "ERROR_GENERIC", "email_address",
                    email + " looks fake or invalid, please enter a real email address.");
        }
        for (String[] s : new String[][] {{"status", status}, {"status_if_new", statusIfNew}}) {
            if (s[1] != null && !STATUSES.contains(s[1])) {
                throw new Rejected(MailchimpErrors.INVALID_RESOURCE, "ERROR_GENERIC", s[0], "Schema describes enum, '"
                        + s[1] + "' is not one of " + STATUSES.stream().sorted().toList() + ".");
            }
        }
        String hash = hash(email);
        if (forgotten.contains(hash)) {
            throw new Rejected("Forgotten Email Not Subscribed", "ERROR_GENERIC", "email_address",
                    MailchimpErrors.forgottenDetail(email.trim()));
        }
        Member member = byHash.get(hash);
        boolean created = member == null || member.status.equals("archived");
        if (!created && !updateExisting) {
            throw new Rejected("Member Exists", "ERROR_CONTACT_EXISTS", "email_address", email.trim()
                    + " is already a list member. Use PUT to insert or update list members.");
        }
        String newStatus = created ? (status != null ? status : statusIfNew) : (status != null ? status : member.status);
        if (newStatus == null) {
            throw new Rejected(MailchimpErrors.INVALID_RESOURCE, "ERROR_GENERIC", "status_if_new",
                    "status or status_if_new is required for a new member.");
        }
        Instant now = clock.instant();
        if (member == null) {
            member = new Member(hash, email.trim(), now);
            byHash.put(hash, member);
        }
        member.email = email.trim();
        member.status = newStatus;
        if (mergeFields != null) {
            for (String field : MERGE_FIELDS) {
                JsonNode value = mergeFields.get(field);
                if (value != null) {
                    member.mergeFields.put(field, value.isNull() ? "" : value.asText());
                }
            }
        }
        member.changed = now;
        return new Written(document(member), created);
    }

    /**
     * {@code PATCH /lists/{id}/members/{hash}}: updates the member with this hash; a new {@code email_address} moves
     * it to the new email's hash (Mailchimp allows it unless the new email is another member's or was forgotten).
     * Returns null when there is no such member.
     */
    synchronized ObjectNode update(String hash, String email, String status, ObjectNode mergeFields) {
        Member member = byHash.get(hash);
        if (member == null) {
            return null;
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new Rejected(MailchimpErrors.INVALID_RESOURCE, "ERROR_GENERIC", "status", "Schema describes enum, '"
                    + status + "' is not one of " + STATUSES.stream().sorted().toList() + ".");
        }
        if (email != null && !hash(email).equals(hash)) {
            if (!EMAIL.matcher(email.trim()).matches()) {
                throw new Rejected(MailchimpErrors.INVALID_RESOURCE, "ERROR_GENERIC", "email_address",
                        email + " looks fake or invalid, please enter a real email address.");
            }
            String newHash = hash(email);
            if (forgotten.contains(newHash)) {
                throw new Rejected("Forgotten Email Not Subscribed", "ERROR_GENERIC", "email_address",
                        MailchimpErrors.forgottenDetail(email.trim()));
            }
            if (byHash.containsKey(newHash)) {
                throw new Rejected("Member Exists", "ERROR_CONTACT_EXISTS", "email_address", email.trim()
                        + " is already a list member.");
            }
            byHash.remove(hash);
            member.hash = newHash;
            byHash.put(newHash, member);
        }
        if (email != null) {
            member.email = email.trim();
        }
        if (status != null) {
            member.status = status;
        }
        if (mergeFields != null) {
            for (String field : MERGE_FIELDS) {
                JsonNode value = mergeFields.get(field);
                if (value != null) {
                    member.mergeFields.put(field, value.isNull() ? "" : value.asText());
                }
            }
        }
        member.changed = clock.instant();
        return document(member);
    }

    /** Adds the member an e-commerce customer makes, unless the email is on the list already or was forgotten. */
    synchronized void ensure(String email, String status, String firstName, String lastName) {
        String hash = hash(email);
        if (byHash.containsKey(hash) || forgotten.contains(hash) || !EMAIL.matcher(email.trim()).matches()) {
            return;
        }
        Member member = new Member(hash, email.trim(), clock.instant());
        member.status = status;
        if (firstName != null) {
            member.mergeFields.put("FNAME", firstName);
        }
        if (lastName != null) {
            member.mergeFields.put("LNAME", lastName);
        }
        byHash.put(hash, member);
    }

    synchronized ObjectNode get(String hash) {
        Member m = byHash.get(hash);
        return m == null ? null : document(m);
    }

    /** Sets tags active or inactive ({@code name → active}); false when there is no such member. */
    synchronized boolean tag(String hash, Map<String, Boolean> tags) {
        Member m = byHash.get(hash);
        if (m == null) {
            return false;
        }
        tags.forEach((name, active) -> {
            if (active) {
                m.tags.add(name);
            } else {
                m.tags.remove(name);
            }
        });
        m.changed = clock.instant();
        return true;
    }

    /** {@code DELETE /lists/{id}/members/{hash}}: the member stays, archived; false when there is none. */
    synchronized boolean archive(String hash) {
        Member m = byHash.get(hash);
        if (m == null || m.status.equals("archived")) {
            return false;
        }
        m.status = "archived";
        m.changed = clock.instant();
        archivedCount++;
        return true;
    }

    /** Erases the member and remembers its hash: the email can never be added again through the API. */
    synchronized boolean deletePermanently(String hash) {
        if (byHash.remove(hash) == null) {
            return false;
        }
        forgotten.add(hash);
        permanentlyDeleted++;
        return true;
    }

    synchronized boolean isForgotten(String email) {
        return forgotten.contains(hash(email));
    }

    synchronized int size() {
        return byHash.size();
    }

    synchronized ObjectNode state() {
        ObjectNode state = Json.object();
        ArrayNode members = state.putArray("members");
        byHash.values().forEach(m -> members.add(document(m)));
        state.put("memberCount", byHash.size());
        state.putObject("deletions").put("archived", archivedCount).put("permanent", permanentlyDeleted);
        return state;
    }

    /** A member as Mailchimp's list member resource, the fields a sync reads. */
    private ObjectNode document(Member m) {
        ObjectNode doc = Json.object().put("id", m.hash).put("email_address", m.email)
                .put("unique_email_id", m.hash.substring(0, 10)).put("email_type", "html").put("status", m.status);
        doc.put("full_name", (m.mergeFields.path("FNAME").asText() + " " + m.mergeFields.path("LNAME").asText()).trim());
        doc.set("merge_fields", m.mergeFields.deepCopy());
        doc.put("timestamp_signup", TIME.format(m.signup)).put("last_changed", TIME.format(m.changed))
                .put("source", "API - Generic").put("tags_count", m.tags.size());
        ArrayNode tags = doc.putArray("tags");
        for (Iterator<String> it = m.tags.iterator(); it.hasNext(); ) {
            String name = it.next();
            tags.addObject().put("id", Math.abs(name.hashCode())).put("name", name);
        }
        doc.put("list_id", listId);
        return doc;
    }
}
