package io.mekong.connector;

/** Outcome of a connection test; the message says what failed (never a secret). */
public record TestResult(boolean ok, String message) {
}
