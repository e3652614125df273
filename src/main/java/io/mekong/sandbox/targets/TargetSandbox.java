package io.mekong.sandbox.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.sandbox.HttpSimulator;
import io.mekong.sandbox.SimulatorResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A target simulator as mounted at {@code /sandbox/<name>}: its API under {@link TargetSimulator#apiPrefix()}, and
 * the sandbox's own controls beside it, outside the vendor's namespace:
 * <ul>
 *   <li>{@code POST /_control/outage {"status":503,"seconds":30}} starts an outage, {@code DELETE} ends it;</li>
 *   <li>{@code GET /_state} shows the target's records and call counts.</li>
 * </ul>
 * The same object serves the hub's {@code /sandbox/**} and a test's {@link io.mekong.sandbox.SandboxHttpServer}.
 */
public final class TargetSandbox implements HttpSimulator {

    static final String OUTAGE = "/_control/outage";
    static final String STATE = "/_state";

    private final TargetSimulator target;

    public TargetSandbox(TargetSimulator target) {
        this.target = target;
    }

    public TargetSimulator target() {
        return target;
    }

    @Override
    public SimulatorResponse handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (path.equals(OUTAGE)) {
            return switch (method) {
                case "POST" -> startOutage(body);
                case "DELETE" -> {
                    target.outage().end();
                    yield new SimulatorResponse(204, Map.of(), new byte[0]);
                }
                default -> error(405, "method_not_allowed", "Use POST to start an outage and DELETE to end it.")
                        .withHeader("Allow", "DELETE, POST");
            };
        }
        if (path.equals(STATE)) {
            return method.equals("GET") ? SimulatorResponse.json(200, Json.write(target.snapshot()))
                    : error(405, "method_not_allowed", "Use GET to read the state.").withHeader("Allow", "GET");
        }
        String prefix = target.apiPrefix();
        if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
            return target.handle(method, pathAndQuery.substring(prefix.length()), headers, body);
        }
        return error(404, "not_found", "The " + target.name() + " simulator serves its API under '" + prefix
                + "/', and " + OUTAGE + " and " + STATE + "; not '" + path + "'.");
    }

    private SimulatorResponse startOutage(byte[] body) {
        try {
            ObjectNode request = Json.body(body, "");
            JsonNode status = request.get("status");
            JsonNode seconds = request.get("seconds");
            if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
                throw new IllegalArgumentException("status is required: the HTTP status every call gets, e.g. 503");
            }
            if (seconds == null || !seconds.isNumber()) {
                throw new IllegalArgumentException("seconds is required: how long the outage lasts, e.g. 30");
            }
            Outage.Active started = target.outage().start(status.asInt(), Duration.ofMillis(Math.round(seconds.asDouble() * 1000)));
            ObjectNode answer = Json.object().put("status", started.status()).put("until", started.until().toString());
            return SimulatorResponse.json(200, Json.write(answer));
        } catch (Invalid | IllegalArgumentException e) {
            return error(400, "invalid_outage", e.getMessage());
        }
    }

    private static SimulatorResponse error(int status, String error, String detail) {
        return SimulatorResponse.json(status, Json.write(Json.object().put("error", error).put("detail", detail)));
    }
}
