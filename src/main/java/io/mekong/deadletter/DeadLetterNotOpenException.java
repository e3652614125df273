package io.mekong.deadletter;

/** Only an open dead letter can be edited or replayed; a replayed or discarded one is kept as it was. */
public class DeadLetterNotOpenException extends RuntimeException {

    DeadLetterNotOpenException(long id, String status) {
        super("dead letter " + id + " is " + status + ", not open; only open ones can be edited or replayed");
    }
}
