package io.mekong.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectorEngine;
import io.mekong.connector.spec.SweepSpec;
import io.mekong.store.Checkpoints;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * When a stream's deletion sweep (the {@code deletion-sweep} route) is due: at most once per its {@code every},
 * as kept in the checkpoint {@code <stream>#sweep} that the sweep saves with its tombstones.
 */
@Component
class SweepSchedule {

    static final String SUFFIX = "#sweep";

    private final ConnectorEngine engine;
    private final Checkpoints checkpoints;
    private final Clock clock;

    SweepSchedule(ConnectorEngine engine, Checkpoints checkpoints) {
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.clock = engine.clock();
    }

    /** @param asked the run was started to sweep now, whatever the schedule */
    boolean due(String connector, String connectionId, String stream, boolean asked) {
        SweepSpec sweep = engine.sweep(connector, stream);
        if (sweep == null) {
            return false;
        }
        JsonNode state = checkpoints.load(connectionId, stream + SUFFIX);
        return asked || state == null || !state.hasNonNull("sweptAt")
                || !Instant.parse(state.get("sweptAt").asText()).plus(sweep.every()).isAfter(clock.instant());
    }
}
