package io.mekong.sink;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The target writers of the hub, by the connector they write to. */
@Component
public class Targets {

    private final List<Target> targets;

    public Targets(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    public Optional<Target> of(String connector) {
        return targets.stream().filter(target -> target.writes(connector)).findFirst();
    }
}
