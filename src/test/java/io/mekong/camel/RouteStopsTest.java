package io.mekong.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * A wait of a step serving an exchange ends when Camel begins to stop the exchange's route, alone or with the whole
 * context, and not before: the graceful stop then completes without its timeout. A wait serving no exchange (a sync
 * run's) ends when its thread is interrupted, as the sync executor's shutdown does.
 */
class RouteStopsTest {

    /** Far longer than any test runs: a wait that ends did not run to its end. */
    private static final Duration LONG_WAIT = Duration.ofMinutes(10);

    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CompletableFuture<Throwable> ended = new CompletableFuture<>();

    @Test
    void aWaitEndsWhenItsRouteIsStoppedAndTheStopCompletesGracefully() throws Exception {
        try (DefaultCamelContext camel = contextWithWaitingRoute()) {
            camel.start();
            assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the step waits").isTrue();

            camel.getRouteController().stopRoute("waits");

            assertThat(ended).as("the wait ended before the stop returned").isDone();
            assertThat(ended.get()).isInstanceOf(RouteStops.RouteStopping.class).hasMessageContaining("waits");
            assertThat(camel.getShutdownStrategy().isTimeoutOccurred()).as("no graceful timeout").isFalse();
        }
    }

    @Test
    void aWaitEndsWhenTheContextStops() throws Exception {
        DefaultCamelContext camel = contextWithWaitingRoute();
        camel.start();
        assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the step waits").isTrue();

        camel.stop();

        assertThat(ended).as("the wait ended before the stop returned").isDone();
        assertThat(ended.get()).isInstanceOf(RouteStops.RouteStopping.class);
        assertThat(camel.getShutdownStrategy().isTimeoutOccurred()).as("no graceful timeout").isFalse();
    }

    @Test
    void aShortWaitOfARunningRouteRunsToItsEnd() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(route(Duration.ofMillis(300)));
            camel.start();

            assertThat(ended.get(30, TimeUnit.SECONDS)).as("nothing cut the wait short").isNull();
        }
    }

    @Test
    void aWaitServingNoExchangeEndsWhenItsThreadIsInterrupted() throws Exception {
        Thread run = new Thread(() -> {
            waiting.countDown();
            try {
                RouteStops.sleep(LONG_WAIT);
                ended.complete(null);
            } catch (InterruptedException e) {
                ended.complete(e);
            }
        });
        run.start();
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

        run.interrupt();

        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    private DefaultCamelContext contextWithWaitingRoute() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addRoutes(route(LONG_WAIT));
        return camel;
    }

    /** A route whose one exchange waits {@code pause} the way a delivery's target calls do. */
    private RouteBuilder route(Duration pause) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:waits?repeatCount=1&delay=0").routeId("waits").process(exchange -> {
                    try {
                        RouteStops.serving(exchange, () -> {
                            waiting.countDown();
                            RouteStops.sleep(pause);
                            return null;
                        });
                        ended.complete(null);
                    } catch (RuntimeException e) {
                        ended.complete(e);
                    }
                });
            }
        };
    }
}
