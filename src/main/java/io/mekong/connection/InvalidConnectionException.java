package io.mekong.connection;

import io.mekong.connector.spec.ConnectionSchema;
import io.mekong.ops.RefusedChange;
import java.util.List;

/**
 * A connection's values break its connector's schema; the message names every problem (the API answers 400 with it).
 * The console shows each problem next to its field, and above the form {@code connections.error.movedHost} when the
 * connection moved to another host without its secrets given again, else {@code connections.error.invalid}.
 */
public class InvalidConnectionException extends RefusedChange {

    private final transient List<ConnectionSchema.Problem> problems;

    InvalidConnectionException(String message, List<ConnectionSchema.Problem> problems, boolean movedHost) {
        super(Reason.INVALID, null, movedHost ? "connections.error.movedHost" : "connections.error.invalid", message);
        this.problems = List.copyOf(problems);
    }

    /** Each problem with the field it is about, for a form that shows it next to the field. */
    public List<ConnectionSchema.Problem> problems() {
        return problems;
    }
}
