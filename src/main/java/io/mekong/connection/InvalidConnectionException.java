package io.mekong.connection;

import io.mekong.connector.spec.ConnectionSchema;
import java.util.List;

/** A connection's values break its connector's schema; the message names every problem (the API answers 400 with it). */
public class InvalidConnectionException extends IllegalArgumentException {

    private final transient List<ConnectionSchema.Problem> problems;

    InvalidConnectionException(String message, List<ConnectionSchema.Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Each problem with the field it is about, for a form that shows it next to the field. */
    public List<ConnectionSchema.Problem> problems() {
        return problems;
    }
}
