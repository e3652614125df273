package io.mekong.connector;

import io.mekong.connector.camel.ConnectorComponent;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.http.Sleeper;
import io.mekong.connector.ratelimit.BudgetLedger;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/** Wires the connector engine: specs from {@code ${mekong.home}/connectors}, the engine, the {@code connector:} component. */
@Configuration(proxyBeanMethods = false)
public class ConnectorConfiguration {

    @Bean
    public ConnectorRegistry connectorRegistry(@Value("${mekong.home:.}") String home) {
        return ConnectorRegistry.load(Path.of(home, "connectors"));
    }

    @Bean
    public ConnectorEngine connectorEngine(ConnectorRegistry registry, BudgetLedger budgets, CredentialStore credentials) {
        return new ConnectorEngine(registry, Clock.systemUTC(), Sleeper.SYSTEM, budgets, credentials);
    }

    /** Prototype: each CamelContext (the app's, the throwaway one that checks route files) gets its own. */
    @Bean("connector")
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    public ConnectorComponent connectorComponent(ConnectorEngine engine) {
        return new ConnectorComponent(engine);
    }
}
