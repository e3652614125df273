package io.mekong.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A transport-neutral HTTP response produced by a simulator. */
public record SimulatorResponse(int status, Map<String, String> headers, byte[] body) {

    public SimulatorResponse {
        headers = Map.copyOf(headers);
    }

    public static SimulatorResponse json(int status, String body) {
        return new SimulatorResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public SimulatorResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimulatorResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
