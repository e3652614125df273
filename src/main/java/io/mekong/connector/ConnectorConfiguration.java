package io.mekong.connector;

import io.mekong.config.MekongProperties;
import io.mekong.connector.camel.ConnectorComponent;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.egress.EgressGuard;
import io.mekong.connector.egress.HubPort;
import io.mekong.connector.http.OutboundLimits;
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
    public HubPort hubPort() {
        return new HubPort();
    }

    /** Connections reach only public addresses, those an admin allows, and the sandbox's own port while it is on. */
    @Bean
    public EgressGuard egressGuard(MekongProperties properties, HubPort hubPort) {
        return EgressGuard.forThisHost(properties.egress().allow(), properties.sandbox().enabled(), hubPort);
    }

    @Bean
    public ConnectorEngine connectorEngine(ConnectorRegistry registry, Clock clock, BudgetLedger budgets,
                                           CredentialStore credentials, EgressGuard guard, MekongProperties properties) {
        return new ConnectorEngine(registry, clock, Sleeper.SYSTEM, budgets, credentials, guard,
                new OutboundLimits(properties.http().maxResponseBytes(), properties.http().responseDeadline()),
                properties.targets().maxRetryWait());
    }

    /** Prototype: each CamelContext (the app's, the throwaway one that checks route files) gets its own. */
    @Bean("connector")
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    public ConnectorComponent connectorComponent(ConnectorEngine engine) {
        return new ConnectorComponent(engine);
    }
}
