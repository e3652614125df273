package io.mekong.testing;

import io.mekong.config.MekongProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link MekongProperties} as the hub would bind them from these {@code mekong.*} settings, defaults included. */
public final class TestProperties {

    private TestProperties() {
    }

    public static MekongProperties of(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("mekong", MekongProperties.class);
    }
}
