package io.mekong.sandbox.targets;

import io.mekong.sandbox.SimulatorResponse;

/** One endpoint of a simulated target: the answer to a routed call. */
@FunctionalInterface
public interface TargetEndpoint {

    SimulatorResponse handle(TargetRequest request);
}
