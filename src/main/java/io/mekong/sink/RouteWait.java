package io.mekong.sink;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;

/**
 * A destination's wait for its target, in short steps, so that stopping the route (a shutdown, the destination disabled)
 * ends it: the events are left uncommitted in Kafka for the route's next start.
 */
final class RouteWait {

    private RouteWait() {
    }

    static void sleep(Exchange exchange, Duration pause) throws InterruptedException {
        long until = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < until) {
            ServiceStatus status = exchange.getContext().getRouteController().getRouteStatus(exchange.getFromRouteId());
            if (exchange.getContext().isStopping() || status == null || status.isStopping() || status.isStopped()) {
                throw new IllegalStateException("Route " + exchange.getFromRouteId() + " is stopping; the events wait"
                        + " in Kafka for the next start");
            }
            Thread.sleep(Math.min(250, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}
