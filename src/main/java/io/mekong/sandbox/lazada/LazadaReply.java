package io.mekong.sandbox.lazada;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.SimulatorResponse;

/**
 * The Open Platform's answers: success {@code {"code":"0","data":…,"request_id"}}, errors
 * {@code {"type","code","message","request_id"}} with HTTP 200, as the gateway sends them.
 *
 * @param type ISV (the caller's request is wrong), ISP (the business rules refuse it), SYSTEM (the platform failed)
 */
record LazadaReply(String type, String code, String message) {

    static LazadaReply isv(String code, String message) {
        return new LazadaReply("ISV", code, message);
    }

    static LazadaReply isp(String code, String message) {
        return new LazadaReply("ISP", code, message);
    }

    static LazadaReply missing(String parameter) {
        return isv("MissingParameter", "The input parameter \u201c" + parameter
                + "\u201d that is mandatory for processing this request is not supplied");
    }

    SimulatorResponse response(String requestId, int status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("type", type).put("code", code).put("message", message).put("request_id", requestId);
        return SimulatorResponse.json(status, body.toString());
    }

    static SimulatorResponse success(JsonNode data, String requestId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("code", "0");
        body.set("data", data);
        return SimulatorResponse.json(200, body.put("request_id", requestId).toString());
    }

    /** Thrown by a request's checks to answer with this error. */
    static final class Refusal extends RuntimeException {
        final LazadaReply reply;

        Refusal(LazadaReply reply) {
            super(reply.code() + ": " + reply.message(), null, false, false);
            this.reply = reply;
        }
    }

    Refusal refusal() {
        return new Refusal(this);
    }
}
