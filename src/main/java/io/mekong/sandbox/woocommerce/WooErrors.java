package io.mekong.sandbox.woocommerce;

import io.mekong.sandbox.Refusal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;

/** WordPress REST errors: {@code {"code": "...", "message": "...", "data": {"status": N, "params": {...}}}}. */
final class WooErrors {

    private WooErrors() {
    }

    static SimulatorResponse error(int status, String code, String message) {
        ObjectNode body = WooStore.NODES.objectNode();
        body.put("code", code).put("message", message).putObject("data").put("status", status);
        return WooCommerceSimulator.json(status, body.toString());
    }

    /** {@code rest_invalid_param}: WordPress names the parameter and why it was refused. */
    static Refusal invalidParam(String param, String reason) {
        ObjectNode body = WooStore.NODES.objectNode();
        body.put("code", "rest_invalid_param").put("message", "Invalid parameter(s): " + param);
        ObjectNode data = body.putObject("data").put("status", 400);
        data.putObject("params").put(param, reason);
        return new Refusal(WooCommerceSimulator.json(400, body.toString()));
    }

    /** What a host in front of WordPress answers when it throttles (WooCommerce core has no limiter). */
    static SimulatorResponse tooManyRequests(double retryAfterSeconds) {
        return error(429, "too_many_requests", "Too many requests. Please slow down.")
                .withHeader("Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)));
    }
}
