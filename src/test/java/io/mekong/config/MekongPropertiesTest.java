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
        assertThat(properties.webhooks().replayWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(properties.sync().threads()).isEqualTo(4);
        assertThat(properties.sync().maxPagesPerRun()).isEqualTo(250_000);
        assertThat(properties.sync().maxRunDuration()).isEqualTo(Duration.ofHours(6));
        assertThat(properties.sync().sweepEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.demo().schedule()).isEqualTo("@every 15m");
        assertThat(properties.security().signInAttempts().perUser()).isEqualTo(10);
        assertThat(properties.security().basicCache().ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.http().maxRequestBytes()).isEqualTo(2_097_152);
    }

    @Test
    void theGlobalRequestLimitCannotBeSmallerThanTheWebhookLimit() {
        assertThatThrownBy(() -> TestProperties.of(Map.of("mekong.http.max-request-bytes", "100000",
                "mekong.webhooks.max-body-bytes", "200000")))
                .hasRootCauseMessage("mekong.http.max-request-bytes (100000) must be at least "
                        + "mekong.webhooks.max-body-bytes (200000)");
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
        assertThatThrownBy(() -> validated(Map.of("mekong.webhooks.replay-window", "PT0S")))
                .rootCause().hasMessageContaining("replayWindow").hasMessageContaining("1 second");
    }

    @Test
    void abandonedCheckoutSettingsHaveDefaultsAndAWrongOneIsRefusedNamingIt() {
        MekongProperties.Checkouts checkouts = TestProperties.of(Map.of()).checkouts();
        assertThat(checkouts.scanEvery()).isEqualTo("1m");
        assertThat(checkouts.abandonedAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(checkouts.batchSize()).isEqualTo(500);
        assertThat(TestProperties.of(Map.of("mekong.checkouts.abandoned-after", "PT20M")).checkouts().abandonedAfter())
                .isEqualTo(Duration.ofMinutes(20));

        // Camel's timer would read an ISO-8601 period as 0 ms: it is refused, not run in a tight loop
        assertThatThrownBy(() -> validated(Map.of("mekong.checkouts.scan-every", "PT1M")))
                .rootCause().hasMessageContaining("mekong.checkouts").hasMessageContaining("scanEvery")
                .hasMessageContaining("Camel duration");
        assertThatThrownBy(() -> validated(Map.of("mekong.checkouts.abandoned-after", "-PT1H")))
                .rootCause().hasMessageContaining("abandonedAfter");
        assertThatThrownBy(() -> validated(Map.of("mekong.checkouts.batch-size", "0")))
                .rootCause().hasMessageContaining("batchSize").hasMessageContaining("greater than or equal to 1");
    }

    @Test
    void egressAllowListIsReadFromACommaSeparatedListAndAWrongEntryStopsTheStartNamingIt() {
        assertThat(TestProperties.of(Map.of()).egress().allow()).isEmpty();
        assertThat(TestProperties.of(Map.of("mekong.egress.allow", "")).egress().allow()).isEmpty();
        assertThat(TestProperties.of(Map.of("mekong.egress.allow", "127.0.0.0/8, ::1,10.1.2.0/24")).egress().allow())
                .containsExactly("127.0.0.0/8", "::1", "10.1.2.0/24");

        assertThatThrownBy(() -> validated(Map.of("mekong.egress.allow", "10.1.2.0/24,10.0.0.0/33")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("mekong.egress.allow (MEKONG_EGRESS_ALLOW)")
                .hasMessageContaining("'10.0.0.0/33' is not an IP address or CIDR block");
    }

    @Test
    void responseLimitsHaveDefaultsAndMustBePositive() {
        MekongProperties properties = TestProperties.of(Map.of());
        assertThat(properties.http().maxResponseBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(properties.http().responseDeadline()).isEqualTo(Duration.ofMinutes(2));

        assertThatThrownBy(() -> validated(Map.of("mekong.http.max-response-bytes", "10")))
                .rootCause().hasMessageContaining("maxResponseBytes").hasMessageContaining("greater than or equal to 1024");
        assertThatThrownBy(() -> validated(Map.of("mekong.http.response-deadline", "PT0S")))
                .rootCause().hasMessageContaining("mekong.http.response-deadline");
    }

    @Test
    void aTargetsLongestRetryWaitDefaultsToThirtySecondsAndAWrongOneIsRefusedNamingIt() {
        assertThat(TestProperties.of(Map.of()).targets().maxRetryWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(TestProperties.of(Map.of("mekong.targets.max-retry-wait", "PT0S")).targets().maxRetryWait())
                .as("0: every Retry-After pauses the destination").isZero();

        assertThatThrownBy(() -> validated(Map.of("mekong.targets.max-retry-wait", "-PT1S")))
                .rootCause().hasMessageContaining("mekong.targets").hasMessageContaining("maxRetryWait");
        assertThatThrownBy(() -> validated(Map.of("mekong.targets.max-retry-wait", "PT2H")))
                .rootCause().hasMessageContaining("maxRetryWait").hasMessageContaining("1 hour");
    }

    private static MekongProperties validated(Map<String, String> settings) {
        ValidationBindHandler validation = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mekong", Bindable.of(MekongProperties.class), validation);
    }
}
