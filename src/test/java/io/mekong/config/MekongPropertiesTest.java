package io.mekong.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.testing.TestProperties;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** The hub's options bind with their defaults, and a wrong one is refused naming the option. */
class MekongPropertiesTest {

    @Test
    void unsetOptionsTakeTheirDefaults() {
        MekongProperties properties = TestProperties.of(Map.of());

        assertThat(properties.homePath()).isEqualTo(Path.of("."));
        assertThat(properties.sandbox().enabled()).isFalse();
        assertThat(properties.webhooks().processBatch()).isEqualTo(200);
        assertThat(properties.webhooks().claimLease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.webhooks().maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(properties.sync().threads()).isEqualTo(4);
        assertThat(properties.sync().maxPagesPerRun()).isEqualTo(250_000);
        assertThat(properties.sync().maxRunDuration()).isEqualTo(Duration.ofHours(6));
        assertThat(properties.sync().sweepEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.demo().schedule()).isEqualTo("@every 15m");
    }

    @Test
    void anInvalidOptionIsRefusedNamingIt() {
        assertThatThrownBy(() -> validated(Map.of("mekong.webhooks.process-batch", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("mekong.webhooks").hasMessageContaining("processBatch")
                .hasMessageContaining("greater than or equal to 1");
        assertThatThrownBy(() -> validated(Map.of("mekong.webhooks.process-every", "PT1S")))
                .rootCause().hasMessageContaining("processEvery").hasMessageContaining("Camel duration");
        assertThatThrownBy(() -> validated(Map.of("mekong.sync.sweep-every", "PT0S")))
                .rootCause().hasMessageContaining("mekong.sync").hasMessageContaining("sweepEvery");
        assertThatThrownBy(() -> validated(Map.of("mekong.sync.max-pages-per-run", "0")))
                .rootCause().hasMessageContaining("maxPagesPerRun").hasMessageContaining("greater than or equal to 1");
    }

    private static MekongProperties validated(Map<String, String> settings) {
        ValidationBindHandler validation = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mekong", Bindable.of(MekongProperties.class), validation);
    }
}
