package io.mekong.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's one clock (every component that reads the time takes it from here, so tests can set it), and the check
 * that MEKONG_HOME holds what the hub reads, made while beans are created: before Camel loads routes/.
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    CoreConfiguration(MekongProperties properties) {
        MekongHome.check(properties.homePath());
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
