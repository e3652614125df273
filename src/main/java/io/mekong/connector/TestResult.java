package io.mekong.connector;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Outcome of a connection test; the message says what failed (never a secret), in English as the API answers. A
 * success also names the console's message for it ({@code messageKey} with {@code args}), so a Vietnamese page does
 * not show the English sentence; a failure's message is the error itself, technical in any language.
 */
public record TestResult(boolean ok, String message, @JsonIgnore String messageKey, @JsonIgnore List<String> args) {

    public TestResult {
        args = List.copyOf(args);
    }

    public static TestResult failed(String message) {
        return new TestResult(false, message, null, List.of());
    }

    static TestResult connected(String system, String call) {
        return new TestResult(true, "connected to " + system + " (" + call + ")", "connections.test.connected",
                List.of(system, call));
    }

    static TestResult parametersOnly(String connector) {
        return new TestResult(true, "parameters are valid; " + connector + " declares no test request",
                "connections.test.parametersOnly", List.of(connector));
    }
}
