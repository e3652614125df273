package io.mekong.sandbox;

/**
 * A simulated request refused while it is read (an unknown parameter, a page out of range), carrying the vendor's
 * answer: thrown from deep in the parsing and turned into that answer where the request is handled.
 */
public final class Refusal extends RuntimeException {

    private final transient SimulatorResponse response;

    public Refusal(SimulatorResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    public SimulatorResponse response() {
        return response;
    }
}
