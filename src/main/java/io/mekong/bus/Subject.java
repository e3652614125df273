package io.mekong.bus;

/**
 * What an event is about: a record of a connection (its global connection id and external id), or a profile or an
 * erasure (no connection, their own id).
 */
record Subject(String connectionId, String id) {
}
