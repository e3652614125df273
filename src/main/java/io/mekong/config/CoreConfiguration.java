package io.mekong.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's one clock: every component that reads the time takes it from here, so tests can set it. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
