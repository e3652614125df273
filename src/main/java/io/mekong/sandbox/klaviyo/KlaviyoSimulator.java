package io.mekong.sandbox.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.Refusal;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.FixedWindows;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import io.mekong.sandbox.targets.Quota;
import io.mekong.sandbox.targets.TargetRequest;
import io.mekong.sandbox.targets.TargetSimulator;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * a.klaviyo.com, the part a delivery writes to (paths {@code /api/...}): profiles (import, create, update, read,
 * filter by identifier), bulk profile import jobs, events one by one and in bulk (deduplicated per profile by metric
 * and {@code unique_id}), email and SMS subscriptions, and data-privacy deletion. Every call needs
 * {@code Authorization: Klaviyo-API-Key pk_…} and a {@code revision} header naming a published revision; the
 * account's burst and steady windows answer 429 with {@code Retry-After} when full, and every other answer carries
 * the steady window's {@code RateLimit-*} headers.
 */
public final class KlaviyoSimulator extends TargetSimulator {

    /** The first revision of Klaviyo's dated API; a revision names a date from it to today, with an optional suffix. */
    static final LocalDate FIRST_REVISION = LocalDate.of(2023, 2, 22);
    private static final Pattern REVISION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(\\.pre|\\.beta)?");
    private static final Pattern FILTER = Pattern.compile("equals\\((id|email|phone_number|external_id),\"(.*)\"\\)");
    static final int MAX_BULK_PROFILES = 10_000;
    static final int MAX_BULK_IMPORT_BYTES = 5 * 1024 * 1024;
    static final int MAX_BULK_EVENTS = 1_000;
    static final int MAX_SUBSCRIPTION_PROFILES = 1_000;

    private volatile KlaviyoAccount account;
    private volatile FixedWindows limits;
    private final KlaviyoProfiles profiles;
    private final Map<String, KlaviyoImportJob> importJobs = new ConcurrentHashMap<>();
    private final AtomicLong jobSequence = new AtomicLong();

    public KlaviyoSimulator(KlaviyoAccount account, Clock clock) {
        super(clock);
        this.profiles = new KlaviyoProfiles(clock);
        use(account);
        route("POST", "/api/profile-import", this::importProfile);
        route("POST", "/api/profiles", this::createProfile);
        route("GET", "/api/profiles", this::listProfiles);
        route("GET", "/api/profiles/{id}", this::getProfile);
        route("PATCH", "/api/profiles/{id}", this::updateProfile);
        route("POST", "/api/profile-bulk-import-jobs", this::bulkImport);
        route("GET", "/api/profile-bulk-import-jobs/{id}", this::getImportJob);
        route("GET", "/api/profile-bulk-import-jobs/{id}/profiles", this::importedProfiles);
        route("GET", "/api/profile-bulk-import-jobs/{id}/relationships/profiles", this::importedProfileIds);
        route("GET", "/api/profile-bulk-import-jobs/{id}/import-errors", this::importErrors);
        route("POST", "/api/events", this::createEvent);
        route("POST", "/api/event-bulk-create-jobs", this::bulkCreateEvents);
        route("POST", "/api/profile-subscription-bulk-create-jobs", this::subscribe);
        route("POST", "/api/profile-subscription-bulk-delete-jobs", this::unsubscribe);
        route("POST", "/api/data-privacy-deletion-jobs", this::requestDeletion);
        route("POST", "/api/profile-merge", this::mergeProfiles);
    }

    @Override
    public String name() {
        return "klaviyo";
    }

    public KlaviyoAccount account() {
        return account;
    }

    /** From now on only this account's key opens the simulator, under its limits (the demo hands back its stored key). */
    public void use(KlaviyoAccount account) {
        this.limits = new FixedWindows(clock, account.burstPerSecond(), account.steadyPerMinute());
        this.account = account;
    }

    // ---------- what tests and the demo read ----------

    /** The profile's JSON:API document with its subscriptions, if there is one with this identifier. */
    public ObjectNode profile(String field, String value) {
        KlaviyoProfiles.Profile p = profiles.find(field, value);
        return p == null ? null : profiles.document(p, true);
    }

    public int profileCount() {
        return profiles.size();
    }

    public long eventCount() {
        return profiles.eventCount();
    }

    /** The metric names of a profile's events, in the order recorded. */
    public List<String> eventMetrics(String profileId) {
        return profiles.events(profileId).stream().map(KlaviyoProfiles.Event::metric).toList();
    }

    /** Marketing consent per channel ({@code email}, {@code sms}): SUBSCRIBED or UNSUBSCRIBED. */
    public Map<String, String> consent(String profileId) {
        return profiles.consent(profileId);
    }

    public Set<String> lists(String profileId) {
        return profiles.lists(profileId);
    }

    public int deletionCount() {
        return profiles.deletionCount();
    }

    @Override
    protected ObjectNode state() {
        ObjectNode state = profiles.state();
        state.put("importJobs", importJobs.size());
        return state;
    }

    // ---------- admission ----------

    @Override
    protected SimulatorResponse admit(TargetRequest request, Supplier<SimulatorResponse> call) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Klaviyo-API-Key ")) {
            return KlaviyoErrors.notAuthenticated("Missing or invalid authorization scheme. Please use Klaviyo-API-Key.");
        }
        String key = authorization.substring("Klaviyo-API-Key ".length()).trim();
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), account.apiKey().getBytes(StandardCharsets.UTF_8))) {
            return KlaviyoErrors.authenticationFailed();
        }
        SimulatorResponse badRevision = checkRevision(request.header("revision"));
        if (badRevision != null) {
            return badRevision;
        }
        Quota quota = limits.tryTake();
        if (!quota.allowed()) {
            return KlaviyoErrors.throttled(quota.retryAfterSeconds())
                    .withHeader("Retry-After", String.valueOf(quota.retryAfterSeconds()));
        }
        return call.get().withHeader("RateLimit-Limit", String.valueOf(quota.limit()))
                .withHeader("RateLimit-Remaining", String.valueOf(quota.remaining()))
                .withHeader("RateLimit-Reset", String.valueOf(quota.resetSeconds()));
    }

    private SimulatorResponse checkRevision(String revision) {
        if (revision == null || revision.isBlank()) {
            return KlaviyoErrors.error(400, "invalid", "Invalid input.",
                    "The 'revision' header is required; use a dated revision such as 2024-10-15.", "/headers/revision");
        }
        Matcher m = REVISION.matcher(revision.trim());
        try {
            if (m.matches()) {
                LocalDate date = LocalDate.parse(m.group(1));
                if (!date.isBefore(FIRST_REVISION) && !date.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
                    return null;
                }
            }
        } catch (DateTimeException e) {
            // not a calendar date: refused below like any other malformed revision
        }
        return KlaviyoErrors.error(400, "invalid", "Invalid input.", "Invalid revision '" + revision
                + "': a revision is a date from " + FIRST_REVISION + " to today, e.g. 2024-10-15.", "/headers/revision");
    }

    @Override
    protected SimulatorResponse outageAnswer(int status) {
        return KlaviyoErrors.error(status, status == 429 ? "throttled" : "service_unavailable",
                status == 429 ? "Request was throttled." : "Service unavailable.",
                "The service is unavailable; retry later.", "/data/");
    }

    @Override
    protected SimulatorResponse notFound(TargetRequest request) {
        return KlaviyoErrors.notFound("No route matches " + request.method() + " " + request.path() + ".");
    }

    @Override
    protected SimulatorResponse methodNotAllowed(TargetRequest request, Set<String> allowed) {
        return KlaviyoErrors.error(405, "method_not_allowed", "Method \"" + request.method() + "\" not allowed.",
                "Method \"" + request.method() + "\" not allowed.", "/data/");
    }

    @Override
    protected SimulatorResponse invalid(Invalid invalid) {
        return KlaviyoErrors.invalid(invalid.getMessage(), invalid.field());
    }

    // ---------- profiles ----------

    private SimulatorResponse importProfile(TargetRequest request) {
        ObjectNode data = data(request, "profile");
        KlaviyoProfiles.Written written = profiles.upsert(profileRef(data, "/data"), false);
        return resource(written.created() ? 201 : 200, profiles.document(written.profile(), false));
    }

    private SimulatorResponse createProfile(TargetRequest request) {
        ObjectNode data = data(request, "profile");
        if (data.hasNonNull("id")) {
            throw new Invalid("/data/id", "A profile being created has no id yet.");
        }
        KlaviyoProfiles.Written written = profiles.upsert(profileRef(data, "/data"), true);
        return resource(201, profiles.document(written.profile(), false));
    }

    private SimulatorResponse updateProfile(TargetRequest request) {
        ObjectNode data = data(request, "profile");
        String id = Json.requiredText(data, "id", "/data/id");
        if (!id.equals(request.param(0))) {
            throw new Invalid("/data/id", "The id in the body (" + id + ") is not the id in the path (" + request.param(0) + ").");
        }
        KlaviyoProfiles.Written written = profiles.upsert(profileRef(data, "/data"), false);
        return resource(200, profiles.document(written.profile(), false));
    }

    private SimulatorResponse getProfile(TargetRequest request) {
        KlaviyoProfiles.Profile p = profiles.get(request.param(0));
        if (p == null) {
            return KlaviyoErrors.notFound("A profile with id " + request.param(0) + " does not exist.");
        }
        return resource(200, profiles.document(p, wantsSubscriptions(request)));
    }

    /** {@code ?filter=equals(email,"…")} (or phone_number, external_id, id), else every profile a page at a time. */
    private SimulatorResponse listProfiles(TargetRequest request) {
        String filter = request.queryParam("filter");
        ObjectNode answer = Json.object();
        ArrayNode data = answer.putArray("data");
        ObjectNode links = answer.putObject("links");
        links.put("self", "/api/profiles").putNull("prev");
        if (filter != null) {
            Matcher m = FILTER.matcher(filter);
            if (!m.matches()) {
                throw new Invalid("/filter", "Invalid filter provided: '" + filter
                        + "'. This simulator filters with equals(email|phone_number|external_id|id,\"value\").");
            }
            KlaviyoProfiles.Profile p = profiles.find(m.group(1), m.group(2));
            if (p != null) {
                data.add(profiles.document(p, wantsSubscriptions(request)));
            }
            links.putNull("next");
            return document(200, answer);
        }
        int size = pageSize(request.queryParam("page[size]"));
        int offset = cursor(request.queryParam("page[cursor]"));
        profiles.page(offset, size).forEach(data::add);
        if (offset + size < profiles.size()) {
            links.put("next", "/api/profiles?page[cursor]=" + cursorOf(offset + size));
        } else {
            links.putNull("next");
        }
        return document(200, answer);
    }

    private static boolean wantsSubscriptions(TargetRequest request) {
        String fields = request.queryParam("additional-fields[profile]");
        return fields != null && List.of(fields.split(",")).contains("subscriptions");
    }

    private static int pageSize(String value) {
        try {
            int size = value == null ? 20 : Integer.parseInt(value);
            if (size >= 1 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Invalid("/page[size]", "page[size] must be a whole number from 1 to 100, was '" + value + "'.");
    }

    private static int cursor(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new Invalid("/page[cursor]", "Invalid page cursor '" + value + "'.");
        }
    }

    private SimulatorResponse bulkImport(TargetRequest request) {
        if (request.body().length > MAX_BULK_IMPORT_BYTES) {
            return KlaviyoErrors.error(413, "payload_too_large", "Payload too large.", "A bulk import job's body is at"
                    + " most 5 MB, was " + request.body().length + " bytes.", "/data");
        }
        ObjectNode data = data(request, "profile-bulk-import-job");
        ObjectNode attributes = Json.objectAt(data, "attributes", "/data/attributes");
        ArrayNode items = Json.arrayAt(Json.objectAt(attributes, "profiles", "/data/attributes/profiles"), "data",
                "/data/attributes/profiles/data");
        if (items.isEmpty() || items.size() > MAX_BULK_PROFILES) {
            throw new Invalid("/data/attributes/profiles/data", "A bulk import job takes 1 to " + MAX_BULK_PROFILES
                    + " profiles, was " + items.size() + ".");
        }
        List<String> listIds = new ArrayList<>();
        JsonNode lists = data.path("relationships").path("lists").path("data");
        for (JsonNode list : lists) {
            listIds.add(Json.requiredText(list, "id", "/data/relationships/lists/data/id"));
        }
        List<KlaviyoProfiles.ProfileRef> refs = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                refs.add(profileRef(items.get(i), "/data/attributes/profiles/data/" + i));
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        if (!invalid.isEmpty()) {
            return KlaviyoErrors.invalid(invalid); // the job is refused as a whole, each bad profile named by pointer
        }
        KlaviyoImportJob job = new KlaviyoImportJob("job_" + Long.toHexString(clock.millis()) + "_"
                + jobSequence.incrementAndGet(), clock, profiles, refs, listIds);
        importJobs.put(job.id(), job);
        return resource(202, job.document());
    }

    private KlaviyoImportJob importJob(TargetRequest request) {
        KlaviyoImportJob job = importJobs.get(request.param(0));
        if (job == null) {
            throw KlaviyoErrors.notFoundRefusal("A profile-bulk-import-job with id " + request.param(0) + " does not exist.");
        }
        return job;
    }

    private SimulatorResponse getImportJob(TargetRequest request) {
        return resource(200, importJob(request).poll());
    }

    /** The profiles a complete job imported (those still there), a page at a time. */
    private SimulatorResponse importedProfiles(TargetRequest request) {
        List<ObjectNode> imported = new ArrayList<>();
        for (String id : importJob(request).importedIds()) {
            KlaviyoProfiles.Profile p = profiles.get(id);
            if (p != null) {
                imported.add(profiles.document(p, false));
            }
        }
        return page(request, imported);
    }

    private SimulatorResponse importedProfileIds(TargetRequest request) {
        List<ObjectNode> ids = importJob(request).importedIds().stream()
                .map(id -> Json.object().put("type", "profile").put("id", id)).toList();
        return page(request, ids);
    }

    private SimulatorResponse importErrors(TargetRequest request) {
        return page(request, importJob(request).errors());
    }

    /** One page of {@code all} by {@code page[size]} (1 to 100, default 20) and {@code page[cursor]}, links.next after. */
    private static SimulatorResponse page(TargetRequest request, List<ObjectNode> all) {
        int size = pageSize(request.queryParam("page[size]"));
        int offset = cursor(request.queryParam("page[cursor]"));
        ObjectNode answer = Json.object();
        ArrayNode data = answer.putArray("data");
        all.stream().skip(offset).limit(size).forEach(data::add);
        ObjectNode links = answer.putObject("links");
        links.put("self", request.path()).putNull("prev");
        if (offset + size < all.size()) {
            links.put("next", request.path() + "?page%5Bsize%5D=" + size + "&page%5Bcursor%5D=" + cursorOf(offset + size));
        } else {
            links.putNull("next");
        }
        return document(200, answer);
    }

    private static String cursorOf(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
    }

    // ---------- events ----------

    /** One event read from its attributes: what it is about, whom, and its unique id. */
    private record EventInput(KlaviyoProfiles.ProfileRef profile, String metric, String uniqueId, Instant time,
                              JsonNode value, ObjectNode properties) {
    }

    private SimulatorResponse createEvent(TargetRequest request) {
        ObjectNode data = data(request, "event");
        ObjectNode attributes = Json.objectAt(data, "attributes", "/data/attributes");
        KlaviyoProfiles.ProfileRef profile = profileRef(Json.objectAt(Json.objectAt(attributes, "profile",
                "/data/attributes/profile"), "data", "/data/attributes/profile/data"), "/data/attributes/profile/data");
        record(event(attributes, profile, "/data/attributes"));
        return empty(202);
    }

    private SimulatorResponse bulkCreateEvents(TargetRequest request) {
        ObjectNode data = data(request, "event-bulk-create-job");
        ObjectNode attributes = Json.objectAt(data, "attributes", "/data/attributes");
        ArrayNode groups = Json.arrayAt(Json.objectAt(attributes, "events-bulk-create", "/data/attributes/events-bulk-create"),
                "data", "/data/attributes/events-bulk-create/data");
        List<EventInput> inputs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            String at = "/data/attributes/events-bulk-create/data/" + i;
            ObjectNode group = Json.objectAt(groups.get(i), "attributes", at + "/attributes");
            KlaviyoProfiles.ProfileRef profile = profileRef(Json.objectAt(Json.objectAt(group, "profile",
                    at + "/attributes/profile"), "data", at + "/attributes/profile/data"), at + "/attributes/profile/data");
            ArrayNode events = Json.arrayAt(Json.objectAt(group, "events", at + "/attributes/events"), "data",
                    at + "/attributes/events/data");
            for (int j = 0; j < events.size(); j++) {
                String eventAt = at + "/attributes/events/data/" + j;
                inputs.add(event(Json.objectAt(events.get(j), "attributes", eventAt + "/attributes"), profile,
                        eventAt + "/attributes"));
            }
        }
        if (inputs.isEmpty() || inputs.size() > MAX_BULK_EVENTS) {
            throw new Invalid("/data/attributes/events-bulk-create/data", "A bulk create job takes 1 to "
                    + MAX_BULK_EVENTS + " events, was " + inputs.size() + ".");
        }
        inputs.forEach(this::record);
        return empty(202);
    }

    private EventInput event(ObjectNode attributes, KlaviyoProfiles.ProfileRef profile, String at) {
        JsonNode properties = attributes.get("properties");
        if (properties == null || !properties.isObject()) {
            throw new Invalid(at + "/properties", "'properties' is required and must be an object.");
        }
        String metric = Json.requiredText(Json.objectAt(Json.objectAt(Json.objectAt(attributes, "metric", at + "/metric"),
                "data", at + "/metric/data"), "attributes", at + "/metric/data/attributes"), "name",
                at + "/metric/data/attributes/name");
        String time = Json.text(attributes, "time", at + "/time");
        Instant when;
        try {
            when = time == null ? clock.instant() : OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeException e) {
            throw new Invalid(at + "/time", "Invalid datetime '" + time + "': use ISO 8601 with an offset, e.g. 2025-01-01T00:00:00Z.");
        }
        JsonNode value = attributes.get("value");
        if (value != null && !value.isNull() && !value.isNumber()) {
            throw new Invalid(at + "/value", "'value' must be a number.");
        }
        return new EventInput(profile, metric, Json.text(attributes, "unique_id", at + "/unique_id"), when,
                value == null ? Json.MAPPER.getNodeFactory().nullNode() : value, (ObjectNode) properties);
    }

    private void record(EventInput e) {
        profiles.addEvent(e.profile(), e.metric(), e.uniqueId(), e.time(), e.value(), e.properties());
    }

    // ---------- subscriptions and deletion ----------

    private SimulatorResponse subscribe(TargetRequest request) {
        ObjectNode data = data(request, "profile-subscription-bulk-create-job");
        String listId = listId(data);
        List<Map.Entry<KlaviyoProfiles.ProfileRef, Map<String, String>>> changes = new ArrayList<>();
        for (Map.Entry<KlaviyoProfiles.ProfileRef, ObjectNode> item : subscriptionProfiles(data)) {
            changes.add(Map.entry(item.getKey(), channels(item.getKey(), item.getValue(), "SUBSCRIBED")));
        }
        changes.forEach(change -> profiles.subscribe(change.getKey(), change.getValue(), listId));
        return empty(202);
    }

    private SimulatorResponse unsubscribe(TargetRequest request) {
        ObjectNode data = data(request, "profile-subscription-bulk-delete-job");
        String listId = listId(data);
        List<Map.Entry<KlaviyoProfiles.ProfileRef, Map<String, String>>> changes = new ArrayList<>();
        for (Map.Entry<KlaviyoProfiles.ProfileRef, ObjectNode> item : subscriptionProfiles(data)) {
            changes.add(Map.entry(item.getKey(), channels(item.getKey(), item.getValue(), "UNSUBSCRIBED")));
        }
        changes.forEach(change -> profiles.unsubscribe(change.getKey(), change.getValue().keySet(), listId));
        return empty(202);
    }

    /** The profiles of a subscription job, each with its {@code subscriptions} object (taken out of its attributes). */
    private List<Map.Entry<KlaviyoProfiles.ProfileRef, ObjectNode>> subscriptionProfiles(ObjectNode data) {
        ObjectNode attributes = Json.objectAt(data, "attributes", "/data/attributes");
        ArrayNode items = Json.arrayAt(Json.objectAt(attributes, "profiles", "/data/attributes/profiles"), "data",
                "/data/attributes/profiles/data");
        if (items.isEmpty() || items.size() > MAX_SUBSCRIPTION_PROFILES) {
            throw new Invalid("/data/attributes/profiles/data", "A subscription job takes 1 to "
                    + MAX_SUBSCRIPTION_PROFILES + " profiles, was " + items.size() + ".");
        }
        List<Map.Entry<KlaviyoProfiles.ProfileRef, ObjectNode>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "/data/attributes/profiles/data/" + i;
            ObjectNode item = ((ObjectNode) items.get(i)).deepCopy();
            ObjectNode itemAttributes = Json.objectAt(item, "attributes", at + "/attributes");
            JsonNode subscriptions = itemAttributes.remove("subscriptions");
            if (subscriptions == null || !subscriptions.isObject()) {
                throw new Invalid(at + "/attributes/subscriptions", "'subscriptions' is required and must be an object.");
            }
            out.add(Map.entry(profileRef(item, at), (ObjectNode) subscriptions));
        }
        return out;
    }

    /** The channels a subscriptions object names, each with the consent the job sets; each needs its identifier. */
    private static Map<String, String> channels(KlaviyoProfiles.ProfileRef ref, ObjectNode subscriptions, String consent) {
        Map<String, String> channels = new LinkedHashMap<>();
        for (String channel : List.of("email", "sms")) {
            if (subscriptions.has(channel)) {
                String identifier = channel.equals("email") ? "email" : "phone_number";
                if (!ref.attributes().hasNonNull(identifier)) {
                    throw new Invalid("/data/attributes/profiles/data/attributes/" + identifier, "A " + channel
                            + " subscription needs the profile's " + identifier + ".");
                }
                channels.put(channel, consent);
            }
        }
        if (channels.isEmpty()) {
            throw new Invalid("/data/attributes/profiles/data/attributes/subscriptions",
                    "'subscriptions' must name the email or sms channel.");
        }
        return channels;
    }

    private static String listId(ObjectNode data) {
        JsonNode list = data.path("relationships").path("list").path("data");
        return list.isObject() ? Json.requiredText(list, "id", "/data/relationships/list/data/id") : null;
    }

    /** {@code {"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{…}}}}}}, by one identifier. */
    private SimulatorResponse requestDeletion(TargetRequest request) {
        ObjectNode data = data(request, "data-privacy-deletion-job");
        ObjectNode profile = Json.objectAt(Json.objectAt(Json.objectAt(data, "attributes", "/data/attributes"), "profile",
                "/data/attributes/profile"), "data", "/data/attributes/profile/data");
        String id = Json.text(profile, "id", "/data/attributes/profile/data/id");
        ObjectNode attributes = Json.objectAt(profile, "attributes", "/data/attributes/profile/data/attributes");
        List<Map.Entry<String, String>> given = new ArrayList<>();
        if (id != null) {
            given.add(Map.entry("id", id));
        }
        for (String field : List.of("email", "phone_number")) {
            String value = Json.text(attributes, field, "/data/attributes/profile/data/attributes/" + field);
            if (value != null) {
                given.add(Map.entry(field, value));
            }
        }
        if (given.size() != 1) {
            throw new Invalid("/data/attributes/profile/data", "Identify the profile to delete by exactly one of id, email"
                    + " or phone_number; " + given.size() + " given.");
        }
        profiles.delete(given.get(0).getKey(), given.get(0).getValue());
        return empty(202);
    }

    /**
     * POST /api/profile-merge: {@code data.id} the destination profile, {@code data.relationships.profiles.data} the
     * one source profile merged into it and deleted. Answers the destination.
     */
    private SimulatorResponse mergeProfiles(TargetRequest request) {
        ObjectNode data = data(request, "profile-merge");
        String destination = Json.requiredText(data, "id", "/data/id");
        ArrayNode sources = Json.arrayAt(Json.objectAt(Json.objectAt(data, "relationships", "/data/relationships"),
                "profiles", "/data/relationships/profiles"), "data", "/data/relationships/profiles/data");
        if (sources.size() != 1) {
            throw new Invalid("/data/relationships/profiles/data", "A merge takes exactly one source profile, "
                    + sources.size() + " given.");
        }
        String source = Json.requiredText(sources.get(0), "id", "/data/relationships/profiles/data/0/id");
        if (source.equals(destination)) {
            throw new Invalid("/data/relationships/profiles/data/0/id", "A profile cannot be merged into itself.");
        }
        KlaviyoProfiles.Profile merged = profiles.merge(destination, source);
        ObjectNode resource = Json.object().put("type", "profile").put("id", merged.id);
        resource.putObject("links").put("self", "/api/profiles/" + merged.id);
        return resource(200, resource);
    }

    // ---------- reading requests ----------

    /** The body's {@code data}, which must be of {@code type}. */
    private static ObjectNode data(TargetRequest request, String type) {
        ObjectNode data = Json.objectAt(request.json("/data"), "data", "/data");
        String actual = Json.requiredText(data, "type", "/data/type");
        if (!actual.equals(type)) {
            throw new Invalid("/data/type", "The type '" + actual + "' does not match the endpoint's type '" + type + "'.");
        }
        return data;
    }

    /** A profile resource object ({@code {"type":"profile","id"?,"attributes"}}) at {@code at}, checked. */
    private static KlaviyoProfiles.ProfileRef profileRef(JsonNode resource, String at) {
        String type = Json.text(resource, "type", at + "/type");
        if (type != null && !type.equals("profile")) {
            throw new Invalid(at + "/type", "The type '" + type + "' is not 'profile'.");
        }
        ObjectNode attributes = Json.objectAt(resource, "attributes", at + "/attributes");
        KlaviyoProfiles.validate(attributes, at + "/attributes");
        return new KlaviyoProfiles.ProfileRef(Json.text(resource, "id", at + "/id"), attributes);
    }

    /** A JSON:API document of one resource: {@code {"data":{…}}}. */
    private static SimulatorResponse resource(int status, ObjectNode resource) {
        ObjectNode document = Json.object();
        document.set("data", resource);
        return document(status, document);
    }

    private static SimulatorResponse document(int status, ObjectNode document) {
        return json(status, KlaviyoErrors.CONTENT_TYPE, Json.write(document));
    }
}
