package io.mekong.sandbox.klaviyo;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Klaviyo simulator of the default run at {@code /sandbox/klaviyo}, with a random private key at each start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class KlaviyoSandboxConfiguration {

    @Bean
    KlaviyoSimulator klaviyoSimulator(KlaviyoSandboxProperties properties) {
        return new KlaviyoSimulator(new KlaviyoAccount(SandboxSecrets.random(KlaviyoAccount.KEY_PREFIX),
                properties.burstPerSecond(), properties.steadyPerMinute()), Clock.systemUTC());
    }
}
