package io.mekong.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;

/** Stripe's error envelope {@code {"error":{"type","code","message","param","doc_url"}}} and the messages it uses. */
final class StripeErrors {

    private StripeErrors() {
    }

    static SimulatorResponse noApiKey() {
        return error(401, "invalid_request_error", null, null, "You did not provide an API key. You need to provide your API"
                + " key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
                + " See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.")
                .withHeader("WWW-Authenticate", "Basic realm=\"Stripe\"");
    }

    static SimulatorResponse invalidApiKey(String key) {
        return error(401, "invalid_request_error", null, null, "Invalid API Key provided: " + mask(key))
                .withHeader("WWW-Authenticate", "Basic realm=\"Stripe\"");
    }

    static SimulatorResponse permission(String key, String account, String permission) {
        return error(403, "invalid_request_error", null, null, "The provided key '" + mask(key) + "' does not have the"
                + " required permissions for this endpoint on account '" + account + "'. Having the '" + permission
                + "' permission would allow this request to continue.");
    }

    static SimulatorResponse unrecognizedUrl(String method, String path) {
        return error(404, "invalid_request_error", null, null, "Unrecognized request URL (" + method + ": " + path
                + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
    }

    static SimulatorResponse rateLimited() {
        return error(429, "invalid_request_error", "rate_limit", null, "Request rate limit exceeded. Learn more about rate"
                + " limits here https://stripe.com/docs/rate-limits.").withHeader("Stripe-Should-Retry", "true");
    }

    static SimulatorResponse apiError(int status) {
        return error(status, "api_error", null, null, "An unknown error occurred").withHeader("Stripe-Should-Retry", "true");
    }

    static SimulatorResponse invalid(int status, String message, String code, String param) {
        return error(status, "invalid_request_error", code, param, message);
    }

    /**
     * A key as Stripe shows it in errors: its first 8 and last 4 characters, the rest as asterisks
     * ({@code sk_test_****…1234}); a key too short for that is all asterisks.
     */
    static String mask(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    }

    private static SimulatorResponse error(int status, String type, String code, String param, String message) {
        ObjectNode body = StripeObjects.NODES.objectNode();
        ObjectNode error = body.putObject("error");
        if (code != null) {
            error.put("code", code).put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return SimulatorResponse.json(status, body.toString());
    }
}
