package io.mekong.sandbox.klaviyo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.Refusal;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One bulk profile import job, asynchronous as Klaviyo's: {@code queued} when created, {@code processing} at its first
 * poll, {@code complete} at the next, when its profiles are upserted (so a caller sees them only by polling, as it
 * would in Klaviyo). A profile that cannot be upserted (an identifier that is another profile's) is an import error
 * carrying the profile's attributes as {@code original_payload}; the others are the job's profiles.
 */
final class KlaviyoImportJob {

    private final String id;
    private final Clock clock;
    private final KlaviyoProfiles profiles;
    private final List<KlaviyoProfiles.ProfileRef> refs;
    private final List<String> listIds;
    private final Instant created;
    private String status = "queued";
    private Instant started;
    private Instant completed;
    private final List<String> imported = new ArrayList<>();
    private final List<ObjectNode> errors = new ArrayList<>();

    KlaviyoImportJob(String id, Clock clock, KlaviyoProfiles profiles, List<KlaviyoProfiles.ProfileRef> refs,
                     List<String> listIds) {
        this.id = id;
        this.clock = clock;
        this.profiles = profiles;
        this.refs = List.copyOf(refs);
        this.listIds = List.copyOf(listIds);
        this.created = clock.instant();
    }

    String id() {
        return id;
    }

    /** A poll: the job moves one step on (queued → processing → complete) and answers as it is now. */
    synchronized ObjectNode poll() {
        if (status.equals("queued")) {
            status = "processing";
            started = clock.instant();
        } else if (status.equals("processing")) {
            run();
        }
        return document();
    }

    private void run() {
        for (KlaviyoProfiles.ProfileRef ref : refs) {
            try {
                KlaviyoProfiles.Profile p = profiles.upsert(ref, false).profile();
                listIds.forEach(list -> profiles.addToList(p, list));
                imported.add(p.id);
            } catch (Refusal | Invalid e) {
                ObjectNode error = Json.object().put("type", "import-error").put("id", UUID.randomUUID().toString());
                ObjectNode attributes = error.putObject("attributes");
                attributes.put("code", e instanceof Refusal ? "duplicate_profile" : "invalid")
                        .put("title", e instanceof Refusal ? "Conflict." : "Invalid input.")
                        .put("detail", e instanceof Refusal ? "A profile already exists with one of these identifiers."
                                : e.getMessage());
                attributes.putObject("source").put("pointer", "/data/attributes");
                attributes.set("original_payload", ref.attributes().deepCopy());
                errors.add(error);
            }
        }
        status = "complete";
        completed = clock.instant();
    }

    /** The job as Klaviyo's {@code profile-bulk-import-job} resource. */
    synchronized ObjectNode document() {
        ObjectNode job = Json.object().put("type", "profile-bulk-import-job").put("id", id);
        ObjectNode a = job.putObject("attributes").put("status", status).put("created_at", KlaviyoProfiles.TIME.format(created))
                .put("total_count", refs.size()).put("completed_count", imported.size()).put("failed_count", errors.size());
        put(a, "completed_at", completed);
        put(a, "started_at", started);
        a.put("expires_at", KlaviyoProfiles.TIME.format(created.plusSeconds(7 * 86_400)));
        return job;
    }

    /** The Klaviyo ids of the profiles it imported, in order (none before it is complete). */
    synchronized List<String> importedIds() {
        return List.copyOf(imported);
    }

    synchronized List<ObjectNode> errors() {
        return errors.stream().map(ObjectNode::deepCopy).toList();
    }

    private static void put(ObjectNode node, String field, Instant at) {
        if (at == null) {
            node.putNull(field);
        } else {
            node.put(field, KlaviyoProfiles.TIME.format(at));
        }
    }
}
