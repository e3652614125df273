package io.mekong.sandbox.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The profiles of the simulated Klaviyo account, with their events, consent and list memberships, indexed by each
 * identifier Klaviyo keeps unique (email, phone number, external id). One lock guards them all: every change is a few
 * map operations, and a profile and its indexes must change together.
 */
final class KlaviyoProfiles {

    /** The identifiers in the order Klaviyo matches a profile by them (after its id). */
    static final List<String> IDENTIFIERS = List.of("email", "phone_number", "external_id");

    private static final Set<String> ATTRIBUTES = Set.of("email", "phone_number", "external_id", "anonymous_id",
            "first_name", "last_name", "organization", "locale", "title", "image", "location", "properties");
    private static final Set<String> MERGED = Set.of("location", "properties");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    /** One event as recorded on its profile. */
    record Event(String id, String metric, String uniqueId, String time, JsonNode value, ObjectNode properties) {
    }

    /** What the caller identified a profile by: its id, or identifier attributes (and others to set). */
    record ProfileRef(String id, ObjectNode attributes) {
    }

    static final class Profile {
        final String id;
        final ObjectNode attributes = Json.object();
        final Instant created;
        Instant updated;
        final Map<String, String> consent = new TreeMap<>();
        final Set<String> lists = new HashSet<>();
        final List<Event> events = new ArrayList<>();

        Profile(String id, Instant created) {
            this.id = id;
            this.created = created;
            this.updated = created;
        }
    }

    /** A profile written: whether it was new. */
    record Written(Profile profile, boolean created) {
    }

    private final Clock clock;
    private final Map<String, Profile> byId = new LinkedHashMap<>();
    private final Map<String, Map<String, Profile>> byIdentifier = new HashMap<>();
    private final Set<String> eventKeys = new HashSet<>();
    private final List<ObjectNode> deletions = new ArrayList<>();
    private long sequence;
    private long events;

    KlaviyoProfiles(Clock clock) {
        this.clock = clock;
        IDENTIFIERS.forEach(field -> byIdentifier.put(field, new HashMap<>()));
    }

    /**
     * Checks attributes as Klaviyo does before writing them: known names only, a valid email and an E.164 phone
     * number. {@code pointer} is where the attributes sit in the request.
     */
    static void validate(ObjectNode attributes, String pointer) {
        for (Iterator<String> names = attributes.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ATTRIBUTES.contains(name)) {
                throw new Invalid(pointer + "/" + name, "'" + name + "' is not a valid field for the resource 'profile'.");
            }
            JsonNode value = attributes.get(name);
            if (MERGED.contains(name) && !value.isNull() && !value.isObject()) {
                throw new Invalid(pointer + "/" + name, "'" + name + "' must be an object.");
            }
        }
        String email = Json.text(attributes, "email", pointer + "/email");
        if (email != null && !EMAIL.matcher(email.trim()).matches()) {
            throw new Invalid(pointer + "/email", "Invalid email address");
        }
        String phone = Json.text(attributes, "phone_number", pointer + "/phone_number");
        if (phone != null && !E164.matcher(phone).matches()) {
            throw new Invalid(pointer + "/phone_number", "Invalid phone number format (Example of a valid format: +12345678901)");
        }
        Json.text(attributes, "external_id", pointer + "/external_id");
    }

    /**
     * Creates or updates the profile {@code ref} names: by id when given (404 when unknown), else by the first
     * identifier that matches. An identifier already another profile's is a 409 naming that profile; with
     * {@code createOnly}, any identifier already known is.
     */
    synchronized Written upsert(ProfileRef ref, boolean createOnly) {
        Profile target = null;
        if (ref.id() != null) {
            target = byId.get(ref.id());
            if (target == null) {
                throw KlaviyoErrors.notFoundRefusal("A profile with id " + ref.id() + " does not exist.");
            }
        } else {
            for (String field : IDENTIFIERS) {
                String value = identifier(ref.attributes(), field);
                if (value != null && byIdentifier.get(field).containsKey(value)) {
                    target = byIdentifier.get(field).get(value);
                    break;
                }
            }
        }
        if (createOnly && target != null) {
            throw KlaviyoErrors.duplicate(target.id);
        }
        for (String field : IDENTIFIERS) {
            String value = identifier(ref.attributes(), field);
            Profile holder = value == null ? null : byIdentifier.get(field).get(value);
            if (holder != null && holder != target) {
                throw KlaviyoErrors.duplicate(holder.id);
            }
        }
        boolean created = target == null;
        if (created) {
            if (IDENTIFIERS.stream().allMatch(field -> identifier(ref.attributes(), field) == null)) {
                throw new Invalid("/data/attributes", "One of email, phone_number or external_id is required.");
            }
            target = new Profile(newId(), clock.instant());
            byId.put(target.id, target);
        }
        apply(target, ref.attributes());
        return new Written(target, created);
    }

    private void apply(Profile profile, ObjectNode attributes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (IDENTIFIERS.contains(name)) {
                String old = identifier(profile.attributes, name);
                if (old != null) {
                    byIdentifier.get(name).remove(old);
                }
                String now = identifier(attributes, name);
                if (now != null) {
                    byIdentifier.get(name).put(now, profile);
                }
            }
            if (value.isNull()) {
                profile.attributes.remove(name);
            } else if (MERGED.contains(name) && profile.attributes.get(name) instanceof ObjectNode existing) {
                existing.setAll((ObjectNode) value.deepCopy());
            } else {
                profile.attributes.set(name, name.equals("email") ? Json.MAPPER.getNodeFactory().textNode(
                        identifier(attributes, name)) : value.deepCopy());
            }
        }
        profile.updated = clock.instant();
    }

    /** An identifier as Klaviyo compares it: emails without case or surrounding spaces. */
    private static String identifier(ObjectNode attributes, String field) {
        JsonNode value = attributes.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return field.equals("email") ? value.asText().trim().toLowerCase(Locale.ROOT) : value.asText();
    }

    synchronized Profile get(String id) {
        return byId.get(id);
    }

    synchronized Profile find(String field, String value) {
        if (field.equals("id")) {
            return byId.get(value);
        }
        String key = field.equals("email") ? value.trim().toLowerCase(Locale.ROOT) : value;
        return byIdentifier.get(field).get(key);
    }

    /** Profiles in creation order from {@code offset}, at most {@code limit}, as documents. */
    synchronized List<ObjectNode> page(int offset, int limit) {
        return byId.values().stream().skip(offset).limit(limit).map(p -> document(p, false)).toList();
    }

    synchronized int size() {
        return byId.size();
    }

    /**
     * Records an event on the profile {@code ref} names (made if unknown, its attributes updated from the event),
     * unless its profile already has one of this metric with this {@code unique_id}: Klaviyo keeps the first. The
     * default unique id is the event's time to the second, as Klaviyo's. Returns whether the event was recorded.
     */
    synchronized boolean addEvent(ProfileRef ref, String metric, String uniqueId, Instant time, JsonNode value,
                                  ObjectNode properties) {
        Profile profile = upsert(ref, false).profile();
        String unique = uniqueId != null ? uniqueId : TIME.format(time);
        if (!eventKeys.add(profile.id + '\u0000' + metric + '\u0000' + unique)) {
            return false;
        }
        profile.events.add(new Event(newId(), metric, unique, TIME.format(time), value, properties));
        events++;
        return true;
    }

    /** Sets marketing consent per channel ({@code email}, {@code sms}) and, with {@code listId}, list membership. */
    synchronized void subscribe(ProfileRef ref, Map<String, String> consent, String listId) {
        Profile profile = upsert(ref, false).profile();
        profile.consent.putAll(consent);
        if (listId != null) {
            profile.lists.add(listId);
        }
        profile.updated = clock.instant();
    }

    /** Puts a profile on a list (a bulk import's lists). */
    synchronized void addToList(Profile profile, String listId) {
        profile.lists.add(listId);
    }

    /** Withdraws consent per channel of a known profile and, with {@code listId}, takes it off that list. */
    synchronized void unsubscribe(ProfileRef ref, Set<String> channels, String listId) {
        Profile profile = null;
        for (String field : IDENTIFIERS) {
            String value = identifier(ref.attributes(), field);
            if (value != null && (profile = byIdentifier.get(field).get(value)) != null) {
                break;
            }
        }
        if (profile == null) {
            return;
        }
        for (String channel : channels) {
            profile.consent.put(channel, "UNSUBSCRIBED");
        }
        if (listId != null) {
            profile.lists.remove(listId);
        }
        profile.updated = clock.instant();
    }

    /**
     * Deletes the profile found by {@code field} = {@code value} with its events, consent and list memberships:
     * afterwards nothing of it is left but a deletion record carrying Klaviyo's id, not the person's.
     */
    synchronized void delete(String field, String value) {
        Profile profile = find(field, value);
        ObjectNode deletion = Json.object();
        deletion.put("requestedBy", field).put("at", TIME.format(clock.instant()));
        if (profile == null) {
            deletion.putNull("profileId");
        } else {
            deletion.put("profileId", profile.id).put("events", profile.events.size());
            byId.remove(profile.id);
            for (String f : IDENTIFIERS) {
                String v = identifier(profile.attributes, f);
                if (v != null) {
                    byIdentifier.get(f).remove(v);
                }
            }
            for (Event e : profile.events) {
                eventKeys.remove(profile.id + '\u0000' + e.metric() + '\u0000' + e.uniqueId());
            }
            events -= profile.events.size();
        }
        deletions.add(deletion);
    }

    /**
     * Merges the profile {@code sourceId} into {@code destinationId}, as Klaviyo's profile merge does: the destination
     * keeps its values and takes what it lacks from the source (identifiers, properties, consent), the source's
     * events and list memberships move over (an event the destination already has by metric and unique id is kept
     * once), and the source is gone. 404 when either is unknown.
     */
    synchronized Profile merge(String destinationId, String sourceId) {
        Profile destination = byId.get(destinationId);
        Profile source = byId.get(sourceId);
        if (destination == null || source == null) {
            throw KlaviyoErrors.notFoundRefusal("A profile with id " + (destination == null ? destinationId : sourceId)
                    + " does not exist.");
        }
        byId.remove(source.id);
        for (String field : IDENTIFIERS) {
            String value = identifier(source.attributes, field);
            if (value != null) {
                byIdentifier.get(field).remove(value);
                if (identifier(destination.attributes, field) == null) {
                    byIdentifier.get(field).put(value, destination);
                }
            }
        }
        source.attributes.fields().forEachRemaining(field -> {
            if (MERGED.contains(field.getKey()) && destination.attributes.get(field.getKey()) instanceof ObjectNode kept
                    && field.getValue() instanceof ObjectNode taken) {
                taken.fields().forEachRemaining(f -> kept.putIfAbsent(f.getKey(), f.getValue()));
            } else {
                destination.attributes.putIfAbsent(field.getKey(), field.getValue());
            }
        });
        for (Event e : source.events) {
            eventKeys.remove(source.id + '\u0000' + e.metric() + '\u0000' + e.uniqueId());
            if (eventKeys.add(destination.id + '\u0000' + e.metric() + '\u0000' + e.uniqueId())) {
                destination.events.add(e);
            } else {
                events--;
            }
        }
        source.consent.forEach(destination.consent::putIfAbsent);
        destination.lists.addAll(source.lists);
        destination.updated = clock.instant();
        return destination;
    }

    /** A profile as Klaviyo's JSON:API resource; {@code subscriptions} only when asked for, as Klaviyo's. */
    synchronized ObjectNode document(Profile profile, boolean subscriptions) {
        ObjectNode doc = Json.object().put("type", "profile").put("id", profile.id);
        ObjectNode attributes = doc.putObject("attributes");
        attributes.setAll(profile.attributes.deepCopy());
        attributes.put("created", TIME.format(profile.created)).put("updated", TIME.format(profile.updated));
        if (subscriptions) {
            ObjectNode subs = attributes.putObject("subscriptions");
            profile.consent.forEach((channel, consent) -> subs.putObject(channel).putObject("marketing").put("consent", consent));
        }
        return doc;
    }

    /** Every profile with its events, consent and lists, the deletions and totals: {@code _state}. */
    synchronized ObjectNode state() {
        ObjectNode state = Json.object();
        ArrayNode profiles = state.putArray("profiles");
        for (Profile p : byId.values()) {
            ObjectNode doc = document(p, true);
            profiles.add(doc);
            ArrayNode lists = doc.putArray("lists");
            p.lists.stream().sorted().forEach(lists::add);
            ArrayNode evs = doc.putArray("events");
            for (Event e : p.events) {
                ObjectNode event = evs.addObject().put("id", e.id()).put("metric", e.metric()).put("unique_id", e.uniqueId())
                        .put("time", e.time());
                event.set("value", e.value());
                event.set("properties", e.properties());
            }
        }
        state.put("profileCount", byId.size()).put("eventCount", events);
        ArrayNode deleted = state.putArray("deletions");
        deletions.forEach(deleted::add);
        return state;
    }

    synchronized long eventCount() {
        return events;
    }

    synchronized List<Event> events(String profileId) {
        Profile p = byId.get(profileId);
        return p == null ? List.of() : List.copyOf(p.events);
    }

    synchronized Map<String, String> consent(String profileId) {
        Profile p = byId.get(profileId);
        return p == null ? Map.of() : Map.copyOf(p.consent);
    }

    synchronized Set<String> lists(String profileId) {
        Profile p = byId.get(profileId);
        return p == null ? Set.of() : Set.copyOf(p.lists);
    }

    synchronized int deletionCount() {
        return deletions.size();
    }

    /** Ids as Klaviyo's: 26 characters of Crockford base 32 (a ULID's shape), in creation order. */
    private String newId() {
        String digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        long n = ++sequence;
        char[] out = new char[26];
        Arrays.fill(out, '0');
        "01JMEK".getChars(0, 6, out, 0);
        for (int i = out.length - 1; i >= 6 && n > 0; i--) {
            out[i] = digits.charAt((int) (n % 32));
            n /= 32;
        }
        return new String(out);
    }
}
