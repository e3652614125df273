package io.mekong.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ground truth of the default run's people, told by every simulator's seed as the simulators are built. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class SandboxPeopleConfiguration {

    @Bean
    SandboxPeople sandboxPeople() {
        return new SandboxPeople();
    }
}
