package io.mekong.sandbox.klaviyo;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mekong.sandbox.klaviyo.*}: the simulated Klaviyo account's limits, fixed windows per account. The defaults
 * are Klaviyo's tier M (10 a second, 150 a minute); a delivery benchmark raises them.
 *
 * @param burstPerSecond  calls per one-second window
 * @param steadyPerMinute calls per one-minute window
 */
@ConfigurationProperties("mekong.sandbox.klaviyo")
@Validated
public record KlaviyoSandboxProperties(@DefaultValue("10") @Min(1) int burstPerSecond,
                                       @DefaultValue("150") @Min(1) int steadyPerMinute) {
}
