package io.mekong.connector;

import io.mekong.config.MekongProperties;
import io.mekong.connector.camel.ConnectorComponent;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.http.Sleeper;
import io.mekong.connector.ratelimit.BudgetLedger;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/** Wires the connector engine: specs from {@code ${mekong.home}/connectors}, the engine, the {@code connector:} component. */
@Configuration(proxyBeanMethods = false)
public class ConnectorConfiguration {

    @Bean
    public ConnectorRegistry connectorRegistry(MekongProperties properties) {
        return ConnectorRegistry.load(properties.homePath().resolve("connectors"));
    }

    @Bean
    public ConnectorEngine connectorEngine(ConnectorRegistry registry, Clock clock, BudgetLedger budgets,
                                           CredentialStore credentials) {
        return new ConnectorEngine(registry, clock, Sleeper.SYSTEM, budgets, credentials);
    }

    /** Prototype: each CamelContext (the app's, the throwaway one that checks route files) gets its own. */
    @Bean("connector")
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    public ConnectorComponent connectorComponent(ConnectorEngine engine) {
        return new ConnectorComponent(engine);
    }
}
