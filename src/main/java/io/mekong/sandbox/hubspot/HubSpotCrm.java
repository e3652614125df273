package io.mekong.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.targets.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * associations to contacts, and the portal's property definitions. Property values are strings, as HubSpot stores
 * them; only defined properties may be written, and a deal property defined with {@code hasUniqueValue} holds each
 * value on one deal at most. One lock guards the records and their indexes together.
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

    /** A property definition as the properties API shows it. */
    record Property(String name, String label, String type, String fieldType, String groupName, boolean hasUniqueValue,
                    boolean hubspotDefined) {

        ObjectNode document(String objectType) {
            return Json.object().put("name", name).put("label", label).put("type", type).put("fieldType", fieldType)
                    .put("groupName", groupName).put("hasUniqueValue", hasUniqueValue).put("hubspotDefined", hubspotDefined)
                    .put("archived", false).put("description", "").put("formField", false)
                    .put("calculated", false).put("externalOptions", false);
        }
    }

    /** The data types the properties API accepts and the field types each may be shown with. */
    static final Map<String, Set<String>> FIELD_TYPES = Map.of(
            "string", Set.of("text", "textarea", "phonenumber", "html", "file"),
            "number", Set.of("number"),
            "date", Set.of("date"),
            "datetime", Set.of("date"),
            "bool", Set.of("booleancheckbox", "calculation_equation"),
            "enumeration", Set.of("select", "radio", "checkbox", "booleancheckbox"));

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
    private final Map<String, Property> contactProperties = builtIn(CONTACT_PROPERTIES, "contactinformation");
    private final Map<String, Property> dealProperties = builtIn(DEAL_PROPERTIES, "dealinformation");
    /** Deals by the value of each unique-value property: property name → value → deal. */
    private final Map<String, Map<String, Record>> uniqueDeals = new HashMap<>();
    private final Map<String, Record> contacts = new LinkedHashMap<>();
    private final Map<String, Record> byEmail = new HashMap<>();
    private final Map<String, Record> deals = new LinkedHashMap<>();
    private final List<ObjectNode> deletions = new ArrayList<>();
    private long nextContact = 101;
    private long nextDeal = 9001;

    HubSpotCrm(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, Property> builtIn(Set<String> names, String group) {
        Map<String, Property> properties = new HashMap<>();
        names.forEach(n -> properties.put(n, new Property(n, n, "string", "text", group, false, true)));
        return properties;
    }

    private Map<String, Property> definitions(String objectType) {
        return switch (objectType) {
            case "deals" -> dealProperties;
            case "contacts" -> contactProperties;
            default -> throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "Unable to infer object type from: "
                    + objectType + " (the simulator knows contacts and deals)");
        };
    }

    /** A custom property, as one made in HubSpot's settings (values not unique): from now on it may be written. */
    synchronized void defineProperty(String objectType, String name) {
        definitions(objectType).putIfAbsent(name, new Property(name, name, "string", "text",
                objectType.equals("deals") ? "dealinformation" : "contactinformation", false, false));
    }

    synchronized Property property(String objectType, String name) {
        return definitions(objectType).get(name);
    }

    /**
     * Creates a property from the properties API's body (name, label, type, fieldType and groupName required, the
     * field type one the type allows); 409 when the name is taken.
     */
    synchronized Property createProperty(String objectType, JsonNode body) {
        Map<String, Property> known = definitions(objectType);
        List<String> missing = new ArrayList<>();
        for (String field : List.of("name", "label", "type", "fieldType", "groupName")) {
            if (!body.path(field).isTextual() || body.get(field).asText().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "Property definition is missing required fields: "
                    + missing);
        }
        String name = body.get("name").asText();
        String type = body.get("type").asText();
        String fieldType = body.get("fieldType").asText();
        if (!FIELD_TYPES.containsKey(type) || !FIELD_TYPES.get(type).contains(fieldType)) {
            throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "Property " + name + ": fieldType '" + fieldType
                    + "' is not valid for type '" + type + "'; the types and their field types are " + FIELD_TYPES);
        }
        if (known.containsKey(name)) {
            throw HubSpotErrors.refusal(409, "OBJECT_ALREADY_EXISTS", "Property already exists: " + name);
        }
        Property property = new Property(name, body.get("label").asText(), type, fieldType,
                body.get("groupName").asText(), body.path("hasUniqueValue").asBoolean(false), false);
        known.put(name, property);
        return property;
    }

    static String normalEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Property values as HubSpot keeps them (strings), refused when unknown or malformed. */
    synchronized Map<String, String> properties(String objectType, JsonNode properties) {
        Map<String, Property> known = definitions(objectType);
        Map<String, String> values = new LinkedHashMap<>();
        List<String[]> problems = new ArrayList<>();
        if (properties != null && !properties.isNull()) {
            if (!properties.isObject()) {
                throw new BadProperties(List.<String[]>of(new String[] {"properties", "INVALID_INPUT", "properties must be an object"}));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode v = p.getValue();
                if (!known.containsKey(p.getKey())) {
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

    /**
     * Merges {@code secondary} into {@code primary}, as HubSpot's contacts merge does: the primary's values win, the
     * secondary fills what the primary lacks, its deals move over, its email stays a way to find the primary
     * ({@code hs_additional_emails}), and the secondary is gone.
     */
    synchronized void merge(Record primary, Record secondary) {
        secondary.properties.forEach(primary.properties::putIfAbsent);
        String email = secondary.properties.get("email");
        if (email != null) {
            String additional = primary.properties.get("hs_additional_emails");
            primary.properties.put("hs_additional_emails", additional == null ? email : additional + ";" + email);
            byEmail.put(email, primary);
        }
        contacts.remove(secondary.id);
        deals.values().forEach(d -> {
            if (d.contacts.remove(secondary.id)) {
                d.contacts.add(primary.id);
            }
        });
        primary.updated = clock.instant();
    }

    // ---------- deals ----------

    synchronized Record deal(String id) {
        return deals.get(id);
    }

    /**
     * Creates a deal with its associations (contact ids, checked to exist under this lock); 409 naming the deal that
     * already holds one of its unique values.
     */
    synchronized Record createDeal(Map<String, String> properties, List<String> contactIds) {
        associable(contactIds);
        Map<String, String> values = new LinkedHashMap<>(properties);
        values.putIfAbsent("pipeline", "default");
        checkUnique(null, values);
        Record deal = new Record(String.valueOf(nextDeal++), clock.instant());
        deals.put(deal.id, deal);
        updateDeal(deal, values);
        deal.contacts.addAll(contactIds);
        return deal;
    }

    synchronized Record updateDeal(Record deal, Map<String, String> properties) {
        checkUnique(deal, properties);
        properties.forEach((k, v) -> {
            String old = deal.properties.get(k);
            if (old != null && uniqueDeals.containsKey(k)) {
                uniqueDeals.get(k).remove(old);
            }
            if (v.isEmpty()) {
                deal.properties.remove(k);
            } else {
                deal.properties.put(k, v);
                if (dealProperties.get(k).hasUniqueValue()) {
                    uniqueDeals.computeIfAbsent(k, x -> new HashMap<>()).put(v, deal);
                }
            }
        });
        deal.updated = clock.instant();
        return deal;
    }

    /** The deal holding this value of a unique-value property, or null. */
    synchronized Record dealBy(String property, String value) {
        return uniqueDeals.getOrDefault(property, Map.of()).get(value);
    }

    /** Whether a property may identify deals in an upsert: it exists and its values are unique. */
    synchronized boolean identifiesDeals(String property) {
        Property p = dealProperties.get(property);
        return p != null && p.hasUniqueValue();
    }

    /**
     * Creates or updates the deal whose unique property {@code idProperty} holds {@code value} (the batch upsert);
     * a new deal needs dealname and dealstage, as a create does.
     */
    synchronized Written upsertDeal(String idProperty, String value, Map<String, String> properties) {
        Map<String, String> values = new LinkedHashMap<>(properties);
        values.put(idProperty, value);
        Record existing = dealBy(idProperty, value);
        if (existing != null) {
            return new Written(updateDeal(existing, values), false);
        }
        for (String required : List.of("dealname", "dealstage")) {
            if (values.getOrDefault(required, "").isEmpty()) {
                throw new BadProperties(List.<String[]>of(new String[] {required, "REQUIRED_PROPERTY",
                        required + " is required for a new deal"}));
            }
        }
        return new Written(createDeal(values, List.of()), true);
    }

    /** Associates each deal with its contact (pairs of ids, all checked first); an existing association stays one. */
    synchronized void associate(List<String[]> dealAndContact) {
        for (String[] pair : dealAndContact) {
            if (!deals.containsKey(pair[0])) {
                throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "One or more associations are invalid: no deal "
                        + pair[0] + " to associate from.");
            }
            associable(List.of(pair[1]));
        }
        dealAndContact.forEach(pair -> deals.get(pair[0]).contacts.add(pair[1]));
    }

    private void associable(List<String> contactIds) {
        for (String contactId : contactIds) {
            if (!contacts.containsKey(contactId)) {
                throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "One or more associations are invalid: no contact "
                        + contactId + " to associate with (association type 3, deal to contact).");
            }
        }
    }

    /** HubSpot refuses a value of a unique-value property that another deal holds (409, naming that deal). */
    private void checkUnique(Record deal, Map<String, String> values) {
        values.forEach((name, value) -> {
            Record holder = dealBy(name, value);
            if (!value.isEmpty() && holder != null && holder != deal) {
                throw HubSpotErrors.refusal(409, "CONFLICT", "A deal with " + name + " " + value
                        + " already exists. Existing ID: " + holder.id);
            }
        });
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
