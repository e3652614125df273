package io.mekong.sandbox.mailchimp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.Refusal;
import io.mekong.sandbox.SimulatorResponse;
import io.mekong.sandbox.targets.Json;
import java.util.UUID;

/**
 * Mailchimp's errors, {@code application/problem+json}: {@code {"type","title","status","detail","instance"}} and, for
 * a body that fails validation, {@code errors[{field,message}]}
 * (https://mailchimp.com/developer/marketing/docs/errors/). The "Forgotten Email Not Subscribed" wording is the one
 * the API sends (seen in https://github.com/hitobito/hitobito/issues/1930).
 */
final class MailchimpErrors {

    static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";
    static final String TYPE = "https://mailchimp.com/developer/marketing/docs/errors/";
    static final String INVALID_RESOURCE = "Invalid Resource";
    static final String VALIDATION_DETAIL = "The resource submitted could not be validated. For field-specific details,"
            + " see the 'errors' array.";

    private MailchimpErrors() {
    }

    static SimulatorResponse problem(int status, String title, String detail) {
        return SimulatorResponse.json(status, Json.write(body(status, title, detail))).withHeader("Content-Type", CONTENT_TYPE);
    }

    /** A 400 "Invalid Resource" naming the field that failed. */
    static SimulatorResponse invalidField(String field, String message) {
        ObjectNode body = body(400, INVALID_RESOURCE, VALIDATION_DETAIL);
        ArrayNode errors = body.putArray("errors");
        errors.addObject().put("field", field).put("message", message);
        return SimulatorResponse.json(400, Json.write(body)).withHeader("Content-Type", CONTENT_TYPE);
    }

    static Refusal refusal(int status, String title, String detail) {
        return new Refusal(problem(status, title, detail));
    }

    static Refusal notFound() {
        return refusal(404, "Resource Not Found", "The requested resource could not be found.");
    }

    static String forgottenDetail(String email) {
        return email + " was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.";
    }

    private static ObjectNode body(int status, String title, String detail) {
        return Json.object().put("type", TYPE).put("title", title).put("status", status).put("detail", detail)
                .put("instance", UUID.randomUUID().toString());
    }
}
