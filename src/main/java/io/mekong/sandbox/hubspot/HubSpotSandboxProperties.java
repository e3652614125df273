package io.mekong.sandbox.hubspot;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mekong.sandbox.hubspot.*}: the simulated HubSpot portal.
 *
 * @param portalId              the portal (account) id
 * @param requestsPerTenSeconds calls per rolling ten seconds per token (Free and Starter: 100; Professional: 190)
 */
@ConfigurationProperties("mekong.sandbox.hubspot")
@Validated
public record HubSpotSandboxProperties(@DefaultValue("24000001") @Min(1) long portalId,
                                       @DefaultValue("100") @Min(1) int requestsPerTenSeconds) {
}
