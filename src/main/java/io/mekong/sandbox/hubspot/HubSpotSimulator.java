package io.mekong.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import io.mekong.sandbox.targets.Quota;
import io.mekong.sandbox.targets.RollingWindow;
import io.mekong.sandbox.targets.TargetRequest;
import io.mekong.sandbox.targets.TargetSimulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * api.hubapi.com, the CRM part a delivery writes to, under both {@code /crm/v3/…} and the date-versioned
 * {@code /crm/objects|properties/<yyyy-mm>/…}: contacts (batch upsert by email, create, update and read by id or
 * email, GDPR delete), deals (create one or a batch with an association to a contact, batch update, batch upsert by a
 * unique-value property, read), the properties API (read one, create one, {@code hasUniqueValue} included) and the
 * v4 default association of deals with contacts in a batch. Every call needs
 * {@code Authorization: Bearer pat-…}; the token's rolling ten-second window answers 429 RATE_LIMIT when full, and
 * every admitted answer carries the {@code X-HubSpot-RateLimit-*} headers.
 */
public final class HubSpotSimulator extends TargetSimulator {

    static final int MAX_BATCH = 100;
    /** HubSpot's default association type from a deal to a contact. */
    static final int DEAL_TO_CONTACT = 3;
    private static final Pattern DATED = Pattern.compile("/crm/(objects|properties)/\\d{4}-\\d{2}/");

    private volatile HubSpotAccount account;
    private volatile RollingWindow limit;
    private final HubSpotCrm crm;

    public HubSpotSimulator(HubSpotAccount account, Clock clock) {
        super(clock);
        this.crm = new HubSpotCrm(clock);
        use(account);
        String contacts = "/crm/v3/objects/contacts";
        String deals = "/crm/v3/objects/deals";
        route("POST", contacts + "/batch/upsert", this::upsertContacts);
        route("POST", contacts + "/gdpr-delete", this::gdprDelete);
        route("POST", contacts + "/merge", this::mergeContacts);
        route("POST", contacts, this::createContact);
        route("GET", contacts + "/{id}", this::getContact);
        route("PATCH", contacts + "/{id}", this::updateContact);
        route("POST", deals + "/batch/create", this::createDeals);
        route("POST", deals + "/batch/update", this::updateDeals);
        route("POST", deals + "/batch/upsert", this::upsertDeals);
        route("POST", deals, this::createDeal);
        route("GET", deals + "/{id}", this::getDeal);
        route("GET", "/crm/v3/properties/{objectType}/{name}", this::getProperty);
        route("POST", "/crm/v3/properties/{objectType}", this::createProperty);
        route("POST", "/crm/v4/associations/{from}/{to}/batch/associate/default", this::associateDefault);
    }

    @Override
    public String name() {
        return "hubspot";
    }

    public HubSpotAccount account() {
        return account;
    }

    /** From now on only this account's token opens the simulator, under its limit (the demo hands back its token). */
    public void use(HubSpotAccount account) {
        this.limit = new RollingWindow(clock, account.requestsPerTenSeconds(), Duration.ofSeconds(10));
        this.account = account;
    }

    /** Makes a custom property writable ({@code objectType} contacts or deals), as creating it in HubSpot would. */
    public void defineProperty(String objectType, String name) {
        crm.defineProperty(objectType, name);
    }

    // ---------- what tests and the demo read ----------

    /** The contact with this email (HubSpot's object), or null. */
    public ObjectNode contactByEmail(String email) {
        HubSpotCrm.Record r = crm.contact(email, "email");
        return r == null ? null : crm.document(r, false);
    }

    public int contactCount() {
        return crm.contactCount();
    }

    public ObjectNode deal(String id) {
        HubSpotCrm.Record r = crm.deal(id);
        return r == null ? null : crm.document(r, true);
    }

    /** The deal holding this value of a unique-value property (e.g. {@code mekong_order_key}), or null. */
    public ObjectNode dealBy(String property, String value) {
        HubSpotCrm.Record r = crm.dealBy(property, value);
        return r == null ? null : crm.document(r, true);
    }

    public int dealCount() {
        return crm.dealCount();
    }

    @Override
    protected ObjectNode state() {
        return crm.state().put("portalId", account.portalId());
    }

    @Override
    protected String canonicalPath(String path) {
        Matcher dated = DATED.matcher(path);
        return dated.lookingAt() ? "/crm/v3/" + dated.group(1) + "/" + path.substring(dated.end()) : path;
    }

    // ---------- admission ----------

    @Override
    protected SimulatorResponse admit(TargetRequest request, Supplier<SimulatorResponse> call) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return HubSpotErrors.error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API"
                    + " supports OAuth 2.0 authentication and you can find more details at"
                    + " https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }
        String token = authorization.substring(7).trim();
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), account.token().getBytes(StandardCharsets.UTF_8))) {
            return HubSpotErrors.error(401, "INVALID_AUTHENTICATION", "The access token provided is invalid or has been revoked.");
        }
        RollingWindow window = limit;
        Quota quota = window.tryTake();
        SimulatorResponse response = quota.allowed() ? call.get()
                : HubSpotErrors.rateLimited().withHeader("Retry-After", String.valueOf(quota.retryAfterSeconds()));
        return response.withHeader("X-HubSpot-RateLimit-Max", String.valueOf(quota.limit()))
                .withHeader("X-HubSpot-RateLimit-Remaining", String.valueOf(quota.remaining()))
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(window.intervalMillis()));
    }

    @Override
    protected SimulatorResponse outageAnswer(int status) {
        return HubSpotErrors.error(status, status == 429 ? "RATE_LIMITS" : "SERVICE_UNAVAILABLE",
                "The service is unavailable; retry later.");
    }

    @Override
    protected SimulatorResponse notFound(TargetRequest request) {
        return HubSpotErrors.error(404, "OBJECT_NOT_FOUND", "Resource not found: " + request.method() + " " + request.path());
    }

    @Override
    protected SimulatorResponse methodNotAllowed(TargetRequest request, Set<String> allowed) {
        return HubSpotErrors.error(405, "VALIDATION_ERROR", "Method " + request.method() + " is not allowed on "
                + request.path() + "; allowed: " + allowed);
    }

    @Override
    protected SimulatorResponse invalid(Invalid invalid) {
        return HubSpotErrors.error(400, "VALIDATION_ERROR", invalid.getMessage()
                + (invalid.field().isEmpty() ? "" : " (" + invalid.field() + ")"));
    }

    // ---------- contacts ----------

    /**
     * {@code {"inputs":[{"idProperty":"email","id":"jane@example.com","properties":{…}}]}}, at most 100. Two inputs
     * naming one contact refuse the whole batch; an input with bad properties fails alone (207 with the others done).
     */
    private SimulatorResponse upsertContacts(TargetRequest request) {
        ArrayNode inputs = inputs(request);
        Set<String> seen = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode input : inputs) {
            String idProperty = Json.text(input, "idProperty", "inputs.idProperty");
            if (!"email".equals(idProperty)) {
                throw new Invalid("inputs.idProperty", "idProperty must be 'email' (the contacts' unique property), was '"
                        + idProperty + "'.");
            }
            String id = HubSpotCrm.normalEmail(Json.requiredText(input, "id", "inputs.id"));
            if (!seen.add(id)) {
                duplicates.add(id);
            }
        }
        if (!duplicates.isEmpty()) {
            ObjectNode body = HubSpotErrors.body("VALIDATION_ERROR", "Duplicate IDs found in batch input: " + duplicates
                    + ". IDs must be unique");
            body.putObject("context").set("ids", Json.MAPPER.valueToTree(duplicates));
            return SimulatorResponse.json(400, Json.write(body));
        }
        String started = clock.instant().toString();
        ArrayNode results = Json.MAPPER.createArrayNode();
        ArrayNode errors = Json.MAPPER.createArrayNode();
        for (JsonNode input : inputs) {
            String email = input.get("id").asText();
            try {
                HubSpotCrm.Written written = crm.upsertByEmail(email, crm.properties("contacts", input.get("properties")));
                results.add(crm.document(written.record(), false).put("new", written.created()));
            } catch (HubSpotCrm.BadProperties e) {
                ObjectNode error = errors.addObject().put("status", "error").put("category", "VALIDATION_ERROR")
                        .put("message", e.getMessage());
                error.putObject("context").putArray("ids").add(email);
            }
        }
        return batchAnswer(errors.isEmpty() ? 200 : 207, results, errors, started);
    }

    private SimulatorResponse createContact(TargetRequest request) {
        ObjectNode body = request.json("");
        return SimulatorResponse.json(201, Json.write(crm.document(crm.createContact(properties("contacts", body)), false)));
    }

    private SimulatorResponse getContact(TargetRequest request) {
        HubSpotCrm.Record r = requireContact(request);
        ObjectNode doc = crm.document(r, false);
        String wanted = request.queryParam("properties");
        if (wanted != null) {
            ObjectNode all = (ObjectNode) doc.get("properties");
            ObjectNode chosen = Json.object();
            for (String name : wanted.split(",")) {
                chosen.set(name.trim(), all.has(name.trim()) ? all.get(name.trim()) : Json.MAPPER.getNodeFactory().nullNode());
            }
            doc.set("properties", chosen);
        }
        return SimulatorResponse.json(200, Json.write(doc));
    }

    private SimulatorResponse updateContact(TargetRequest request) {
        HubSpotCrm.Record r = requireContact(request);
        ObjectNode body = request.json("");
        return SimulatorResponse.json(200, Json.write(crm.document(crm.updateContact(r, properties("contacts", body)), false)));
    }

    /** {@code {"objectId":"jane@example.com","idProperty":"email"}} (or a contact id without idProperty): 204. */
    private SimulatorResponse gdprDelete(TargetRequest request) {
        ObjectNode body = request.json("");
        String objectId = Json.requiredText(body, "objectId", "objectId");
        String idProperty = Json.text(body, "idProperty", "idProperty");
        HubSpotCrm.Record r = crm.contact(objectId, idProperty);
        if (r == null || !crm.gdprDelete(r)) {
            throw HubSpotErrors.notFound(objectId);
        }
        return empty(204);
    }

    /** POST /crm/v3/objects/contacts/merge {primaryObjectId, objectIdToMerge}: the merged contact (the primary). */
    private SimulatorResponse mergeContacts(TargetRequest request) {
        ObjectNode body = request.json("");
        String primaryId = Json.requiredText(body, "primaryObjectId", "primaryObjectId");
        String secondaryId = Json.requiredText(body, "objectIdToMerge", "objectIdToMerge");
        if (primaryId.equals(secondaryId)) {
            throw new Invalid("objectIdToMerge", "Cannot merge a contact with itself.");
        }
        HubSpotCrm.Record primary = crm.contact(primaryId, null);
        HubSpotCrm.Record secondary = crm.contact(secondaryId, null);
        if (primary == null || secondary == null) {
            throw HubSpotErrors.notFound(primary == null ? primaryId : secondaryId);
        }
        crm.merge(primary, secondary);
        return SimulatorResponse.json(200, Json.write(crm.document(primary, false)));
    }

    private HubSpotCrm.Record requireContact(TargetRequest request) {
        String idProperty = request.queryParam("idProperty");
        if (idProperty != null && !idProperty.equals("email") && !idProperty.equals("hs_object_id")) {
            throw new Invalid("idProperty", "idProperty must be email or hs_object_id, was '" + idProperty + "'.");
        }
        HubSpotCrm.Record r = crm.contact(request.param(0), idProperty);
        if (r == null) {
            throw HubSpotErrors.notFound(request.param(0));
        }
        return r;
    }

    // ---------- deals ----------

    private SimulatorResponse createDeal(TargetRequest request) {
        ObjectNode body = request.json("");
        DealInput deal = dealInput(body);
        return SimulatorResponse.json(201, Json.write(crm.document(crm.createDeal(deal.properties(), deal.contacts()), true)));
    }

    /** Every input checked first: one bad input refuses the batch, nothing created. */
    private SimulatorResponse createDeals(TargetRequest request) {
        String started = clock.instant().toString();
        List<DealInput> deals = new ArrayList<>();
        for (JsonNode input : inputs(request)) {
            deals.add(dealInput(input));
        }
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (DealInput deal : deals) {
            results.add(crm.document(crm.createDeal(deal.properties(), deal.contacts()), true));
        }
        return batchAnswer(201, results, Json.MAPPER.createArrayNode(), started);
    }

    /** {@code {"inputs":[{"id":"9001","properties":{…}}]}}: an unknown id fails alone (207). */
    private SimulatorResponse updateDeals(TargetRequest request) {
        String started = clock.instant().toString();
        ArrayNode inputs = inputs(request);
        Map<String, Integer> seen = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode input : inputs) {
            if (seen.merge(Json.requiredText(input, "id", "inputs.id"), 1, Integer::sum) == 2) {
                duplicates.add(input.get("id").asText());
            }
        }
        if (!duplicates.isEmpty()) {
            return HubSpotErrors.error(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input: " + duplicates
                    + ". IDs must be unique");
        }
        List<Map<String, String>> changes = new ArrayList<>();
        for (JsonNode input : inputs) {
            changes.add(properties("deals", input));
        }
        ArrayNode results = Json.MAPPER.createArrayNode();
        ArrayNode errors = Json.MAPPER.createArrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            String id = inputs.get(i).get("id").asText();
            HubSpotCrm.Record deal = crm.deal(id);
            if (deal == null) {
                ObjectNode error = errors.addObject().put("status", "error").put("category", "OBJECT_NOT_FOUND")
                        .put("message", "Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.");
                error.putObject("context").putArray("ids").add(id);
            } else {
                results.add(crm.document(crm.updateDeal(deal, changes.get(i)), true));
            }
        }
        return batchAnswer(errors.isEmpty() ? 200 : 207, results, errors, started);
    }

    /**
     * {@code {"inputs":[{"idProperty":"mekong_order_key","id":"shop/1001","properties":{…}}]}}: each input creates or
     * updates the deal holding that value of a unique-value property (any other idProperty refuses the batch, as do
     * two inputs naming one deal); an input with bad properties fails alone (207 with the others done). Upsert
     * inputs carry no associations: those are made with the associations API.
     */
    private SimulatorResponse upsertDeals(TargetRequest request) {
        ArrayNode inputs = inputs(request);
        Set<String> seen = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode input : inputs) {
            String idProperty = Json.requiredText(input, "idProperty", "inputs.idProperty");
            if (!crm.identifiesDeals(idProperty)) {
                throw new Invalid("inputs.idProperty", "idProperty '" + idProperty + "' is not a deal property with"
                        + " unique values (hasUniqueValue: true); create it with the properties API first.");
            }
            if (input.has("associations")) {
                throw new Invalid("inputs.associations", "an upsert input takes no associations; associate with"
                        + " POST /crm/v4/associations/deals/contacts/batch/associate/default.");
            }
            String id = Json.requiredText(input, "id", "inputs.id");
            if (!seen.add(idProperty + "=" + id)) {
                duplicates.add(id);
            }
        }
        if (!duplicates.isEmpty()) {
            return HubSpotErrors.error(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input: " + duplicates
                    + ". IDs must be unique");
        }
        String started = clock.instant().toString();
        ArrayNode results = Json.MAPPER.createArrayNode();
        ArrayNode errors = Json.MAPPER.createArrayNode();
        for (JsonNode input : inputs) {
            String id = input.get("id").asText();
            try {
                HubSpotCrm.Written written = crm.upsertDeal(input.get("idProperty").asText(), id,
                        crm.properties("deals", input.get("properties")));
                results.add(crm.document(written.record(), false).put("new", written.created()));
            } catch (HubSpotCrm.BadProperties e) {
                ObjectNode error = errors.addObject().put("status", "error").put("category", "VALIDATION_ERROR")
                        .put("message", e.getMessage());
                error.putObject("context").putArray("ids").add(id);
            }
        }
        return batchAnswer(errors.isEmpty() ? 200 : 207, results, errors, started);
    }

    private SimulatorResponse getDeal(TargetRequest request) {
        HubSpotCrm.Record deal = crm.deal(request.param(0));
        if (deal == null) {
            throw HubSpotErrors.notFound(request.param(0));
        }
        return SimulatorResponse.json(200, Json.write(crm.document(deal, true)));
    }

    // ---------- properties and associations ----------

    /** {@code GET /crm/v3/properties/{objectType}/{name}}: the definition, or 404. */
    private SimulatorResponse getProperty(TargetRequest request) {
        HubSpotCrm.Property property = crm.property(request.param(0), request.param(1));
        if (property == null) {
            return HubSpotErrors.error(404, "OBJECT_NOT_FOUND", "Unable to find property " + request.param(1)
                    + " on object type " + request.param(0));
        }
        return SimulatorResponse.json(200, Json.write(property.document(request.param(0))));
    }

    /** {@code POST /crm/v3/properties/{objectType}} with name, label, type, fieldType, groupName: 201, or 409 when taken. */
    private SimulatorResponse createProperty(TargetRequest request) {
        ObjectNode body = request.json("");
        return SimulatorResponse.json(201, Json.write(crm.createProperty(request.param(0), body).document(request.param(0))));
    }

    /**
     * The v4 default (unlabelled) association, {@code {"inputs":[{"from":{"id":"9001"},"to":{"id":"101"}}]}}, for
     * deals to contacts (HUBSPOT_DEFINED type 3); an input naming an object that does not exist refuses the batch.
     * Associating twice keeps one association.
     */
    private SimulatorResponse associateDefault(TargetRequest request) {
        if (!request.param(0).equals("deals") || !request.param(1).equals("contacts")) {
            throw new Invalid("", "the simulator associates deals with contacts only, not " + request.param(0) + " with "
                    + request.param(1));
        }
        String started = clock.instant().toString();
        List<String[]> pairs = new ArrayList<>();
        for (JsonNode input : inputs(request)) {
            pairs.add(new String[] {
                Json.requiredText(Json.objectAt(input, "from", "inputs.from"), "id", "inputs.from.id"),
                Json.requiredText(Json.objectAt(input, "to", "inputs.to"), "id", "inputs.to.id")});
        }
        crm.associate(pairs);
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (String[] pair : pairs) {
            ObjectNode result = results.addObject();
            result.putObject("from").put("id", pair[0]);
            result.putObject("to").put("id", pair[1]);
            result.putObject("associationSpec").put("associationCategory", "HUBSPOT_DEFINED")
                    .put("associationTypeId", DEAL_TO_CONTACT);
        }
        return batchAnswer(200, results, Json.MAPPER.createArrayNode(), started);
    }

    /** A deal to create: its properties (dealname and dealstage required) and the contacts it is associated with. */
    private record DealInput(Map<String, String> properties, List<String> contacts) {
    }

    private DealInput dealInput(JsonNode input) {
        Map<String, String> properties = properties("deals", input);
        for (String required : List.of("dealname", "dealstage")) {
            if (properties.getOrDefault(required, "").isEmpty()) {
                throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", HubSpotErrors.invalidProperties(List.<String[]>of(
                        new String[] {required, "REQUIRED_PROPERTY", required + " is required for a new deal"})));
            }
        }
        List<String> contacts = new ArrayList<>();
        JsonNode associations = input.get("associations");
        if (associations != null && !associations.isNull()) {
            if (!associations.isArray()) {
                throw new Invalid("associations", "associations must be an array.");
            }
            for (JsonNode association : associations) {
                String to = Json.requiredText(Json.objectAt(association, "to", "associations.to"), "id", "associations.to.id");
                for (JsonNode type : Json.arrayAt(association, "types", "associations.types")) {
                    if (!"HUBSPOT_DEFINED".equals(type.path("associationCategory").asText())
                            || type.path("associationTypeId").asInt() != DEAL_TO_CONTACT) {
                        throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "Invalid association type "
                                + type.path("associationCategory").asText() + "/" + type.path("associationTypeId").asText()
                                + ": a deal is associated with a contact by HUBSPOT_DEFINED type " + DEAL_TO_CONTACT + ".");
                    }
                }
                contacts.add(to);
            }
        }
        return new DealInput(properties, contacts);
    }

    // ---------- reading requests ----------

    private ArrayNode inputs(TargetRequest request) {
        ArrayNode inputs = Json.arrayAt(request.json(""), "inputs", "inputs");
        if (inputs.isEmpty() || inputs.size() > MAX_BATCH) {
            throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", "inputs must hold 1 to " + MAX_BATCH + " items, held "
                    + inputs.size());
        }
        return inputs;
    }

    /** The {@code properties} of an input or body, refused as HubSpot refuses them (400 VALIDATION_ERROR). */
    private Map<String, String> properties(String objectType, JsonNode holder) {
        try {
            return crm.properties(objectType, holder.get("properties"));
        } catch (HubSpotCrm.BadProperties e) {
            throw HubSpotErrors.refusal(400, "VALIDATION_ERROR", e.getMessage());
        }
    }

    private SimulatorResponse batchAnswer(int status, ArrayNode results, ArrayNode errors, String started) {
        ObjectNode body = Json.object().put("status", "COMPLETE");
        body.set("results", results);
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size());
            body.set("errors", errors);
        }
        body.put("startedAt", started).put("completedAt", clock.instant().toString());
        return SimulatorResponse.json(status, Json.write(body));
    }
}
