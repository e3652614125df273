package io.mekong.sandbox;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stops the hub's routes while the simulators still answer. The simulators are served by the hub's own web server,
 * which Spring stops before the Camel context (its lifecycle phase is higher); a destination or sync caught mid-call
 * then met refused connections and retried them until Camel's shutdown timeout, which made every stop of a sandbox
 * hub (the dev run, each test context) take 20 s or more. A closing context announces itself before it stops any
 * bean, so the routes stop here first. Production has no simulators and keeps Spring's order.
 */
@Component
@ConditionalOnSandbox
class RoutesStopBeforeSimulators {

    // looked up when the context closes: asking for Camel at construction would create it out of its turn
    private final ObjectProvider<CamelContext> camel;

    RoutesStopBeforeSimulators(ObjectProvider<CamelContext> camel) {
        this.camel = camel;
    }

    /** After the runs are told to stop ({@code SyncShutdown}), which Camel would otherwise wait for. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void stopRoutes(ContextClosedEvent closing) {
        camel.ifAvailable(CamelContext::stop);
    }
}
