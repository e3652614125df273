package io.mekong.routes;

import io.mekong.config.MekongProperties;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Development hot reload of routes/, guarded so an invalid edit keeps the running routes. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mekong.routes.reload", havingValue = "true")
class RouteReloadConfig {

    @Bean
    GuardedRouteReloadStrategy guardedRouteReloadStrategy(MekongProperties properties, RouteFileValidator validator,
                                                          ApplicationEventPublisher events) {
        return new GuardedRouteReloadStrategy(properties.homePath().resolve("routes"), validator, events);
    }

    @Bean
    CamelContextConfiguration routeReloadInstaller(GuardedRouteReloadStrategy strategy) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                try {
                    context.addService(strategy);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot install route hot reload: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do once started
            }
        };
    }
}
