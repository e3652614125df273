package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The parts of a page request that paginators and cursors fill in before it is built. */
public record PageRequest(ObjectNode variables) {
}
