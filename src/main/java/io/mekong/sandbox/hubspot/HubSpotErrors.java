package io.mekong.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.Refusal;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.Json;
import java.util.List;
import java.util.UUID;

/**
 * HubSpot's error body {@code {"status":"error","message","correlationId","category","context"?}} and its batch
 * error items, as in the API reference's examples
 * (https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/contacts/batch/upsert-contacts); the 409
 * "Contact already exists. Existing ID: …" and the RATE_LIMIT body of a 429 as HubSpot words them.
 */
final class HubSpotErrors {

    private HubSpotErrors() {
    }

    static ObjectNode body(String category, String message) {
        return Json.object().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
    }

    static SimulatorResponse error(int status, String category, String message) {
        return SimulatorResponse.json(status, Json.write(body(category, message)));
    }

    static Refusal refusal(int status, String category, String message) {
        return new Refusal(error(status, category, message));
    }

    static Refusal contactExists(String existingId) {
        return refusal(409, "CONFLICT", "Contact already exists. Existing ID: " + existingId);
    }

    static Refusal notFound(String id) {
        ObjectNode body = body("OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
        body.putObject("context").putArray("id").add(id);
        return new Refusal(SimulatorResponse.json(404, Json.write(body)));
    }

    /** HubSpot's message for property values it refuses, each {@code [name, error code, message]}. */
    static String invalidProperties(List<String[]> problems) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (String[] p : problems) {
            list.addObject().put("isValid", false).put("message", p[2]).put("error", p[1]).put("name", p[0])
                    .put("localizedErrorMessage", p[2]);
        }
        return "Property values were not valid: " + Json.write(list);
    }

    static SimulatorResponse rateLimited() {
        ObjectNode body = Json.object().put("status", "error").put("message", "You have reached your ten_secondly_rolling limit.")
                .put("errorType", "RATE_LIMIT").put("correlationId", UUID.randomUUID().toString())
                .put("policyName", "TEN_SECONDLY_ROLLING").put("groupName", "publicapi:private-app");
        return SimulatorResponse.json(429, Json.write(body));
    }
}
