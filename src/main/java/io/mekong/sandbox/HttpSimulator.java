package io.mekong.sandbox;

import java.util.Map;

/**
 * A simulator of an external HTTP API. Paths are relative to the simulator's mount point; header names
 * are matched case-insensitively by implementations.
 */
@FunctionalInterface
public interface HttpSimulator {

    SimulatorResponse handle(String method, String path, Map<String, String> headers, byte[] body);
}
