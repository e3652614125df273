package io.mekong.bus;

import io.mekong.config.MekongProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets, hourly, the event ids consumers applied longer ago than {@code mekong.destinations.remember-events}. */
@Component
class ConsumedEventsPruning {

    private final ConsumedEvents consumed;
    private final MekongProperties properties;

    ConsumedEventsPruning(ConsumedEvents consumed, MekongProperties properties) {
        this.consumed = consumed;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void prune() {
        consumed.forgetOlderThan(properties.destinations().rememberEvents());
    }
}
