package io.mekong.sandbox.hooks;

import io.mekong.sandbox.ConditionalOnSandbox;
import io.mekong.sandbox.SandboxSecrets;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook receivers of the default run at {@code /sandbox/hooks/<name>}, each with a random secret per start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class HookSandboxConfiguration {

    static final String SECRET_PREFIX = "whsec_";

    @Bean
    HookReceivers hookReceivers(HookSandboxProperties properties) {
        return new HookReceivers(properties.receivers().stream()
                .map(name -> new HookReceiver(name, SandboxSecrets.random(SECRET_PREFIX))).toList(),
                properties.retain(), Clock.systemUTC());
    }
}
