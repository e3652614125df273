package io.mekong.sandbox.klaviyo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.Refusal;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.Invalid;
import io.mekong.sandbox.targets.Json;
import java.util.List;
import java.util.UUID;

/**
 * Klaviyo's JSON:API error document, {@code {"errors":[{"id","status","code","title","detail","source":{"pointer"}}]}}
 * (https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling), with the codes and titles Klaviyo sends:
 * 401 {@code not_authenticated} "Authentication credentials were not provided." (quoted in
 * https://community.klaviyo.com/marketing-30/authentication-problem-for-new-api-i-am-using-correct-api-7403), 409
 * {@code duplicate_profile} with {@code meta.duplicate_profile_id}, 404 {@code not_found} "Not found." (quoted in
 * https://community.klaviyo.com/developer-group-64/unexpected-404-when-using-create-or-update-profiles-endpoint-11971).
 */
final class KlaviyoErrors {

    static final String CONTENT_TYPE = "application/vnd.api+json";

    private KlaviyoErrors() {
    }

    static SimulatorResponse error(int status, String code, String title, String detail, String pointer) {
        return SimulatorResponse.json(status, Json.write(document(status, code, title, detail, pointer)))
                .withHeader("Content-Type", CONTENT_TYPE);
    }

    static SimulatorResponse invalid(String detail, String pointer) {
        return error(400, "invalid", "Invalid input.", detail, pointer);
    }

    /** One 400 naming every malformed part of a request, each by its pointer (a bulk job's bad profiles). */
    static SimulatorResponse invalid(List<Invalid> problems) {
        ObjectNode doc = Json.object();
        ArrayNode errors = doc.putArray("errors");
        for (Invalid problem : problems) {
            errors.add(document(400, "invalid", "Invalid input.", problem.getMessage(), problem.field()).get("errors").get(0));
        }
        return SimulatorResponse.json(400, Json.write(doc)).withHeader("Content-Type", CONTENT_TYPE);
    }

    static SimulatorResponse notFound(String detail) {
        return error(404, "not_found", "Not found.", detail, "/data/");
    }

    static Refusal notFoundRefusal(String detail) {
        return new Refusal(notFound(detail));
    }

    /** The 409 of a create (or an identifier change) that would give two profiles one email, phone or external id. */
    static Refusal duplicate(String existingId) {
        ObjectNode doc = document(409, "duplicate_profile", "Conflict.",
                "A profile already exists with one of these identifiers.", "/data/attributes");
        ((ObjectNode) doc.get("errors").get(0)).putObject("meta").put("duplicate_profile_id", existingId);
        return new Refusal(SimulatorResponse.json(409, Json.write(doc)).withHeader("Content-Type", CONTENT_TYPE));
    }

    static SimulatorResponse notAuthenticated(String detail) {
        return error(401, "not_authenticated", "Authentication credentials were not provided.", detail, "/data/");
    }

    static SimulatorResponse authenticationFailed() {
        return error(401, "authentication_failed", "Incorrect authentication credentials.",
                "Incorrect authentication credentials.", "/data/");
    }

    static SimulatorResponse throttled(long retryAfterSeconds) {
        return error(429, "throttled", "Request was throttled.",
                "Request was throttled. Expected available in " + retryAfterSeconds + " second"
                        + (retryAfterSeconds == 1 ? "" : "s") + ".", "/data/");
    }

    private static ObjectNode document(int status, String code, String title, String detail, String pointer) {
        ObjectNode doc = Json.object();
        ObjectNode error = doc.putArray("errors").addObject();
        error.put("id", UUID.randomUUID().toString()).put("status", status).put("code", code).put("title", title)
                .put("detail", detail);
        error.putObject("source").put("pointer", pointer);
        return doc;
    }
}
