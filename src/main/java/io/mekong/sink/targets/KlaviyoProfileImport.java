package io.mekong.sink.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.config.Json;
import io.mekong.connector.http.Sleeper;
import io.mekong.connector.spec.ActionSpec;
import io.mekong.sink.TargetUnavailableException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Klaviyo's Bulk Import Profiles (docs/targets.md, "Klaviyo"): the profiles of a delivery in asynchronous jobs of at
 * most 10,000 profiles and 5 MB, each polled until complete; the profiles a job could not import are read from its
 * {@code import-errors} and refused one by one, and the Klaviyo ids of those it imported from its {@code profiles}
 * (by external_id, the Mekong profile id). A job Klaviyo refuses as a whole names the bad profiles by pointer: they
 * are refused and the job is sent again without them.
 */
final class KlaviyoProfileImport {

    /** Klaviyo's limit on one job's body. */
    static final int MAX_JOB_BYTES = 5 * 1024 * 1024;
    /** Room for the job's envelope around its profiles. */
    private static final int ENVELOPE_BYTES = 1024;
    private static final Duration FIRST_POLL = Duration.ofSeconds(1);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(10);
    /** How long a delivery waits for one job; past it the profiles are imported again later (an import is an upsert). */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);
    private static final int PAGE_SIZE = 100;
    static final String PHONE = "/attributes/phone_number";
    private static final Pattern ITEM_POINTER = Pattern.compile("^/data/attributes/profiles/data/(\\d+)(/.*)?$");

    /** A profile to import: the Mekong profile id (its external_id) and its resource. */
    record Profile(String localId, JsonNode item) {
    }

    /**
     * What became of the profiles: the Klaviyo id of each imported one (by local id; absent when only known before,
     * see {@link #run}), and the reason for each refused one.
     */
    record Outcome(Map<String, String> klaviyoIds, Map<String, String> refused) {
    }

    private final TargetCalls calls;
    private final Sleeper sleeper;
    private final ActionSpec job;

    KlaviyoProfileImport(TargetCalls calls, Sleeper sleeper, ActionSpec job) {
        this.calls = calls;
        this.sleeper = sleeper;
        this.job = job;
    }

    /**
     * Imports the profiles and waits for their jobs.
     *
     * @param needIds whether any of the profiles has no Klaviyo id in the ID map yet: only then are the jobs'
     *                profiles read (a known profile keeps its id, found by its external_id)
     */
    Outcome run(List<Profile> profiles, boolean needIds) throws TargetUnavailableException {
        Outcome outcome = new Outcome(new LinkedHashMap<>(), new LinkedHashMap<>());
        Set<String> duplicates = new HashSet<>();
        importAll(profiles, needIds, outcome, duplicates);
        // Klaviyo allows a phone number on one profile only, and a household or a shop's landline is often shared by
        // people the hub keeps apart: such a profile is imported again without it (the phone stays a property)
        List<Profile> withoutPhone = profiles.stream()
                .filter(p -> duplicates.contains(p.localId()) && p.item().at(PHONE).isTextual())
                .map(KlaviyoProfileImport::withoutPhone).toList();
        if (!withoutPhone.isEmpty()) {
            withoutPhone.forEach(p -> outcome.refused().remove(p.localId()));
            importAll(withoutPhone, needIds, outcome, new HashSet<>());
        }
        return outcome;
    }

    private void importAll(List<Profile> profiles, boolean needIds, Outcome outcome, Set<String> duplicates)
            throws TargetUnavailableException {
        for (List<Profile> chunk : chunks(profiles)) {
            List<Profile> pending = new ArrayList<>(chunk);
            String jobId = null;
            while (jobId == null && !pending.isEmpty()) {
                jobId = submit(pending, outcome.refused());
            }
            if (jobId != null) {
                finish(jobId, pending, needIds, outcome, duplicates);
            }
        }
    }

    /** The profile without its phone as an identifier; kept as the property {@code mekong_phone}. */
    static Profile withoutPhone(Profile profile) {
        ObjectNode item = profile.item().deepCopy();
        ObjectNode attributes = (ObjectNode) item.at("/attributes");
        String phone = attributes.remove("phone_number").asText();
        JsonNode properties = attributes.path("properties");
        (properties.isObject() ? (ObjectNode) properties : attributes.putObject("properties")).put("mekong_phone", phone);
        return new Profile(profile.localId(), item);
    }

    /** Profiles in jobs of at most the action's batch and {@link #MAX_JOB_BYTES}, in order. */
    private List<List<Profile>> chunks(List<Profile> profiles) {
        List<List<Profile>> chunks = new ArrayList<>();
        List<Profile> chunk = new ArrayList<>();
        long bytes = ENVELOPE_BYTES;
        for (Profile profile : profiles) {
            long size = profile.item().toString().getBytes(StandardCharsets.UTF_8).length + 1L;
            if (!chunk.isEmpty() && (chunk.size() == job.batch() || bytes + size > MAX_JOB_BYTES)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = ENVELOPE_BYTES;
            }
            chunk.add(profile);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * Sends one job; returns its id, or null when Klaviyo refused it: the profiles its errors point at are then
     * refused and taken out of {@code pending} (all of them when the errors point at none).
     */
    private String submit(List<Profile> pending, Map<String, String> refused) throws TargetUnavailableException {
        ArrayNode items = Json.MAPPER.createArrayNode();
        pending.forEach(p -> items.add(p.item()));
        TargetCalls.Answer answer = calls.send("importProfiles", Map.of(), job.wrap(items));
        if (answer.refused()) {
            pending.forEach(p -> refused.put(p.localId(), answer.refusal()));
            pending.clear();
            return null;
        }
        if (answer.result().status() < 400) {
            return answer.json().at("/data/id").asText();
        }
        Map<Integer, String> bad = new LinkedHashMap<>();
        for (JsonNode error : answer.json().path("errors")) {
            Matcher m = ITEM_POINTER.matcher(error.at("/source/pointer").asText(""));
            if (m.matches() && Integer.parseInt(m.group(1)) < pending.size()) {
                bad.merge(Integer.parseInt(m.group(1)), reason(answer.result().status(), error, m.group(2)),
                        (a, b) -> a + "; " + b);
            }
        }
        if (bad.isEmpty()) {
            String whole = reason(answer.result().status(), answer.json().path("errors").path(0), null);
            pending.forEach(p -> refused.put(p.localId(), whole));
            pending.clear();
            return null;
        }
        List<Profile> kept = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (bad.containsKey(i)) {
                refused.put(pending.get(i).localId(), bad.get(i));
            } else {
                kept.add(pending.get(i));
            }
        }
        pending.clear();
        pending.addAll(kept);
        return null;
    }

    /** Polls the job until complete, then reads its errors and, when needed, its profiles' ids. */
    private void finish(String jobId, List<Profile> profiles, boolean needIds, Outcome outcome, Set<String> duplicates)
            throws TargetUnavailableException {
        JsonNode attributes = poll(jobId);
        Set<String> inJob = profiles.stream().map(Profile::localId).collect(Collectors.toSet());
        if (attributes.path("status").asText().equals("cancelled")) {
            profiles.forEach(p -> outcome.refused().put(p.localId(), "klaviyo: profile import job " + jobId + " was cancelled"));
            return;
        }
        if (attributes.path("failed_count").asInt(0) > 0) {
            for (JsonNode error : pages("importJobErrors", jobId)) {
                String localId = externalId(error.at("/attributes/original_payload"));
                if (localId != null && inJob.contains(localId)) {
                    if (error.at("/attributes/code").asText().equals("duplicate_profile")) {
                        duplicates.add(localId);
                    }
                    outcome.refused().merge(localId, "klaviyo: import error: " + error.at("/attributes/title").asText("")
                            + " " + error.at("/attributes/detail").asText(""), (a, b) -> a + "; " + b);
                }
            }
        }
        if (needIds) {
            for (JsonNode profile : pages("importJobProfiles", jobId)) {
                String localId = profile.at("/attributes/external_id").asText(null);
                if (localId != null && inJob.contains(localId) && !outcome.refused().containsKey(localId)) {
                    outcome.klaviyoIds().put(localId, profile.path("id").asText());
                }
            }
        }
    }

    /** The job's attributes once it is complete or cancelled; unavailable when it is neither within {@link #MAX_WAIT}. */
    private JsonNode poll(String jobId) throws TargetUnavailableException {
        Duration wait = FIRST_POLL;
        Duration waited = Duration.ZERO;
        while (true) {
            TargetCalls.Answer answer = calls.send("importJob", Map.of("id", jobId), null);
            if (answer.refused()) {
                throw new TargetUnavailableException("klaviyo: profile import job " + jobId + " cannot be read: "
                        + answer.refusal(), null, null);
            }
            JsonNode attributes = answer.json().at("/data/attributes");
            String status = attributes.path("status").asText();
            if (status.equals("complete") || status.equals("cancelled")) {
                return attributes;
            }
            if (waited.compareTo(MAX_WAIT) >= 0) {
                // its profiles are imported again on the retry: a bulk import is an upsert by identifier
                throw new TargetUnavailableException("klaviyo: profile import job " + jobId + " still " + status
                        + " after " + waited.toSeconds() + " s", Duration.ofMinutes(1), null);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetUnavailableException("klaviyo: interrupted while waiting for profile import job "
                        + jobId, null, e);
            }
            waited = waited.plus(wait);
            wait = wait.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : wait.multipliedBy(2);
        }
    }

    /** Every resource of a listing of the job, a page at a time (Klaviyo's cursor in {@code links.next}). */
    private List<JsonNode> pages(String action, String jobId) throws TargetUnavailableException {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            List<Map.Entry<String, String>> query = new ArrayList<>();
            query.add(Map.entry("page[size]", String.valueOf(PAGE_SIZE)));
            if (cursor != null) {
                query.add(Map.entry("page[cursor]", cursor));
            }
            TargetCalls.Answer answer = calls.send(action, Map.of("id", jobId), query, null);
            if (answer.refused()) {
                throw new TargetUnavailableException("klaviyo: profile import job " + jobId + " cannot be read: "
                        + answer.refusal(), null, null);
            }
            answer.json().path("data").forEach(all::add);
            cursor = cursor(answer.json().at("/links/next").asText(null));
        } while (cursor != null);
        return all;
    }

    /** The {@code page[cursor]} of a next link, null when there is no next page. */
    static String cursor(String next) {
        if (next == null || next.isBlank()) {
            return null;
        }
        int q = next.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : next.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("page[cursor]")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The external_id of an import error's original payload (the profile resource, or its attributes). */
    private static String externalId(JsonNode payload) {
        JsonNode id = payload.has("attributes") ? payload.at("/attributes/external_id") : payload.path("external_id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    /** Klaviyo's status, title, detail and the field it names within the profile: never the body itself. */
    private static String reason(int status, JsonNode error, String field) {
        return "klaviyo: HTTP " + status + " from importProfiles: " + error.path("title").asText("refused") + " "
                + error.path("detail").asText("") + (field == null || field.isEmpty() ? "" : " (" + field + ")");
    }
}
