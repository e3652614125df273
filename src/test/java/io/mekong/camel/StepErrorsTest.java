package io.mekong.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.testing.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An Error thrown by a step fails its exchange like an exception: a timer route goes on firing. */
class StepErrorsTest extends HubIntegrationTest {

    @Autowired
    CamelContext hub;

    @Test
    void theHubsRoutesRunWithTheStrategy() {
        assertThat(hub.getCamelContextExtension().getInterceptStrategies()).anyMatch(StepErrors.class::isInstance);
    }

    @Test
    void aTimerRouteWhoseStepThrowsAnAssertionErrorCatchesItAndKeepsFiring() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        List<Throwable> caught = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getCamelContextExtension().addInterceptStrategy(new StepErrors());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:probe?period=20").routeId("probe")
                            .doTry()
                                .process(exchange -> {
                                    if (fired.incrementAndGet() == 1) {
                                        throw new AssertionError("a library's assertion");
                                    }
                                })
                            .doCatch(Exception.class)
                                .process(exchange -> caught.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                                        Throwable.class)))
                            .end();
                }
            });
            camel.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (fired.get() < 5 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        }

        assertThat(fired.get()).as("the timer fires after the error").isGreaterThanOrEqualTo(5);
        assertThat(caught).hasSize(1);
        assertThat(caught.get(0)).isInstanceOf(StepErrors.StepFailed.class).hasCauseInstanceOf(AssertionError.class)
                .hasMessageContaining("a library's assertion");
    }
}
