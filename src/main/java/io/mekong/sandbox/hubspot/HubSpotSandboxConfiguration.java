package io.mekong.sandbox.hubspot;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HubSpot simulator of the default run at {@code /sandbox/hubspot}, with a random private app token per start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class HubSpotSandboxConfiguration {

    /** Private app tokens of portals in HubSpot's North America data center start so. */
    static final String TOKEN_PREFIX = "pat-na1-";

    @Bean
    HubSpotSimulator hubSpotSimulator(HubSpotSandboxProperties properties) {
        return new HubSpotSimulator(new HubSpotAccount(SandboxSecrets.random(TOKEN_PREFIX), properties.portalId(),
                properties.requestsPerTenSeconds()), Clock.systemUTC());
    }
}
