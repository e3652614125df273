package io.mekong.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.targets.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The simulated portal's CRM records: contacts (email unique, compared without case) and deals with their
 * associations to contacts. Property values are strings, as HubSpot stores them; only the portal's properties may be
 * written. One lock guards the records and the email index together.
 */
final class HubSpotCrm {

    /** The properties of a new portal a delivery writes (HubSpot has more; a custom one must be defined first). */
    static final Set<String> CONTACT_PROPERTIES = Set.of("email", "firstname", "lastname", "phone", "mobilephone",
            "company", "website", "address", "city", "state", "zip", "country", "jobtitle", "lifecyclestage",
            "hs_lead_status", "hs_language", "date_of_birth", "gender", "industry");
    static final Set<String> DEAL_PROPERTIES = Set.of("dealname", "amount", "dealstage", "pipeline", "closedate",
            "dealtype", "description", "hs_priority", "deal_currency_code", "hubspot_owner_id");
    /** The stages of the default sales pipeline. */
    static final Set<String> DEFAULT_STAGES = Set.of("appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
            "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** A property value refused: {@code [name, HubSpot error code, message]}. */
    static final class BadProperties extends RuntimeException {
        final List<String[]> problems;

        BadProperties(List<String[]> problems) {
            super(HubSpotErrors.invalidProperties(problems), null, false, false);
            this.problems = problems;
        }
    }

    static final class Record {
        final String id;
        final Map<String, String> properties = new TreeMap<>();
        final Instant created;
        Instant updated;
        final Set<String> contacts = new LinkedHashSet<>();

        Record(String id, Instant created) {
            this.id = id;
            this.created = created;
            this.updated = created;
        }
    }

    private final Clock clock;
    private final Set<String> contactProperties = new HashSet<>(CONTACT_PROPERTIES);
    private final Set<String> dealProperties = new HashSet<>(DEAL_PROPERTIES);
    private final Map<String, Record> contacts = new LinkedHashMap<>();
    private final Map<String, Record> byEmail = new HashMap<>();
    private final Map<String, Record> deals = new LinkedHashMap<>();
    private final List<ObjectNode> deletions = new ArrayList<>();
    private long nextContact = 101;
    private long nextDeal = 9001;

    HubSpotCrm(Clock clock) {
        this.clock = clock;
    }

    /** A custom property, as one made in HubSpot's settings: from now on it may be written. */
    synchronized void defineProperty(String objectType, String name) {
        (objectType.equals("deals") ? dealProperties : contactProperties).add(name);
    }

    static String normalEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Property values as HubSpot keeps them (strings), refused when unknown or malformed. */
    synchronized Map<String, String> properties(String objectType, JsonNode properties) {
        Set<String> known = objectType.equals("deals") ? dealProperties : contactProperties;
        Map<String, String> values = new LinkedHashMap<>();
        List<String[]> problems = new ArrayList<>();
        if (properties != null && !properties.isNull()) {
            if (!properties.isObject()) {
                throw new BadProperties(List.<String[]>of(new String[] {"properties", "INVALID_INPUT", "properties must be an object"}));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode v = p.getValue();
                if (!known.contains(p.getKey())) {
                    problems.add(new String[] {p.getKey(), "PROPERTY_DOESNT_EXIST", "Property \"" + p.getKey() + "\" does not exist"});
                } else if (v.isContainerNode()) {
                    problems.add(new String[] {p.getKey(), "INVALID_PROPERTY_VALUE", p.getKey() + " must be a string, number or boolean"});
                } else {
                    values.put(p.getKey(), v.isNull() ? "" : v.asText());
                }
            }
        }
        String email = values.get("email");
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email.trim()).matches()) {
            problems.add(new String[] {"email", "INVALID_EMAIL", "Email address " + email + " is invalid"});
        }
        String stage = values.get("dealstage");
        if (stage != null && !DEFAULT_STAGES.contains(stage)) {
            problems.add(new String[] {"dealstage", "INVALID_OPTION", stage + " was not one of the allowed options: "
                    + DEFAULT_STAGES.stream().sorted().toList()});
        }
        String amount = values.get("amount");
        if (amount != null && !amount.isEmpty() && !amount.matches("-?[0-9]+(\\.[0-9]+)?")) {
            problems.add(new String[] {"amount", "INVALID_FLOAT", amount + " is not a valid number"});
        }
        if (!problems.isEmpty()) {
            throw new BadProperties(problems);
        }
        return values;
    }

    // ---------- contacts ----------

    synchronized Record contact(String id, String idProperty) {
        if (idProperty == null || idProperty.equals("hs_object_id")) {
            return contacts.get(id);
        }
        return byEmail.get(normalEmail(id));
    }

    /** A contact written: whether it is new. */
    record Written(Record record, boolean created) {
    }

    /** Creates a contact; 409 naming the holder when its email is taken. */
    synchronized Record createContact(Map<String, String> properties) {
        String email = properties.get("email");
        if (email != null && byEmail.containsKey(normalEmail(email))) {
            throw HubSpotErrors.contactExists(byEmail.get(normalEmail(email)).id);
        }
        Record r = new Record(String.valueOf(nextContact++), clock.instant());
        contacts.put(r.id, r);
        set(r, properties);
        return r;
    }

    /** Upserts the contact with this email (the batch upsert by {@code idProperty: email}). */
    synchronized Written upsertByEmail(String email, Map<String, String> properties) {
        Map<String, String> withEmail = new LinkedHashMap<>(properties);
        withEmail.put("email", normalEmail(email));
        Record existing = byEmail.get(normalEmail(email));
        if (existing == null) {
            return new Written(createContact(withEmail), true);
        }
        set(existing, withEmail);
        return new Written(existing, false);
    }

    /** Updates a contact; 404 when it was erased meanwhile, 409 when its new email is another contact's. */
    synchronized Record updateContact(Record contact, Map<String, String> properties) {
        if (contacts.get(contact.id) != contact) {
            throw HubSpotErrors.notFound(contact.id);
        }
        String email = properties.get("email");
        if (email != null && !email.isEmpty()) {
            Record holder = byEmail.get(normalEmail(email));
            if (holder != null && holder != contact) {
                throw HubSpotErrors.contactExists(holder.id);
            }
        }
        set(contact, properties);
        return contact;
    }

    private void set(Record contact, Map<String, String> properties) {
        String old = contact.properties.get("email");
        if (properties.containsKey("email") && old != null) {
            byEmail.remove(normalEmail(old));
        }
        properties.forEach((name, value) -> {
            if (value.isEmpty()) {
                contact.properties.remove(name);
            } else {
                contact.properties.put(name, name.equals("email") ? normalEmail(value) : value);
            }
        });
        String now = contact.properties.get("email");
        if (now != null) {
            byEmail.put(now, contact);
        }
        contact.updated = clock.instant();
    }

    /** Erases the contact and takes it off every deal: only a deletion record with HubSpot's id stays. */
    synchronized boolean gdprDelete(Record contact) {
        if (contacts.remove(contact.id) == null) {
            return false;
        }
        String email = contact.properties.get("email");
        if (email != null) {
            byEmail.remove(email);
        }
        deals.values().forEach(d -> d.contacts.remove(contact.id));
        deletions.add(Json.object().put("objectId", contact.id).put("at", clock.instant().toString()));
        return true;
    }

    // ---------- deals ----------

    synchronized Record deal(String id) {
        return deals.get(id);
    }

    /** Creates a deal with its associations (contact ids, checked to exist by the caller under this lock). */
    synchronized Record createDeal(Map<String, String> properties, List<String> contactIds) {
        for (String contactId : contactIds) {
            if (!contacts.containsKey(contactId)) {
                throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "One or more associations are invalid: no contact "
                        + contactId + " to associate with (association type 3, deal to contact).");
            }
        }
        Record deal = new Record(String.valueOf(nextDeal++), clock.instant());
        Map<String, String> values = new LinkedHashMap<>(properties);
        values.putIfAbsent("pipeline", "default");
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                deal.properties.put(k, v);
            }
        });
        deal.contacts.addAll(contactIds);
        deals.put(deal.id, deal);
        return deal;
    }

    synchronized Record updateDeal(Record deal, Map<String, String> properties) {
        properties.forEach((k, v) -> {
            if (v.isEmpty()) {
                deal.properties.remove(k);
            } else {
                deal.properties.put(k, v);
            }
        });
        deal.updated = clock.instant();
        return deal;
    }

    synchronized int contactCount() {
        return contacts.size();
    }

    synchronized int dealCount() {
        return deals.size();
    }

    /** A record as HubSpot's object: {@code {id, properties{…strings}, createdAt, updatedAt, archived}}. */
    synchronized ObjectNode document(Record r, boolean withAssociations) {
        ObjectNode doc = Json.object().put("id", r.id);
        ObjectNode props = doc.putObject("properties");
        props.put("createdate", r.created.toString()).put("hs_object_id", r.id).put("lastmodifieddate", r.updated.toString());
        r.properties.forEach(props::put);
        doc.put("createdAt", r.created.toString()).put("updatedAt", r.updated.toString()).put("archived", false);
        if (withAssociations && !r.contacts.isEmpty()) {
            ArrayNode results = doc.putObject("associations").putObject("contacts").putArray("results");
            r.contacts.forEach(c -> results.addObject().put("id", c).put("type", "deal_to_contact"));
        }
        return doc;
    }

    synchronized ObjectNode state() {
        ObjectNode state = Json.object();
        ArrayNode c = state.putArray("contacts");
        contacts.values().forEach(r -> c.add(document(r, false)));
        ArrayNode d = state.putArray("deals");
        deals.values().forEach(r -> d.add(document(r, true)));
        state.put("contactCount", contacts.size()).put("dealCount", deals.size());
        ArrayNode del = state.putArray("deletions");
        deletions.forEach(del::add);
        return state;
    }
}
