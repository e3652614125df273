package io.mekong.camel;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StatefulService;

/**
 * How a flow notices that its route is stopping (the hub stops, a destination is disabled or removed) while it waits:
 * a backoff, a target's Retry-After waited out in place, a rate limit, a poll of a target's job. Camel's graceful stop
 * waits up to 45 s for every exchange in flight, so a wait that went on would hold the whole stop; instead it ends
 * with {@link RouteStopping}, the exchange fails, and its poll is not committed: the route's next start delivers it.
 * <p>
 * A route is stopping once Camel suspends its consumer, the first thing its stop does (the route's own status turns
 * only after the graceful wait), or once the whole context is stopping. Waits deep in the connector engine have no
 * exchange at hand: a step runs its work {@link #serving} the exchange, and they watch that exchange's route. A thread
 * serving none (a sync run) just sleeps: its executor interrupts it when the hub stops.
 */
public final class RouteStops {

    /** The longest a wait sleeps before it looks at its route again. */
    private static final long STEP_MILLIS = 250;
    private static final ThreadLocal<Exchange> SERVING = new ThreadLocal<>();

    private RouteStops() {
    }

    /** The flow's route is stopping: what it had not finished is left uncommitted for the route's next start. */
    public static final class RouteStopping extends IllegalStateException {

        RouteStopping(String routeId) {
            super("Route " + routeId + " is stopping; what it had not finished is delivered at its next start");
        }
    }

    /** Runs {@code work} for {@code exchange}: the waits and {@link #check checks} of this thread watch its route. */
    public static <T> T serving(Exchange exchange, Callable<T> work) throws Exception {
        Exchange outer = SERVING.get();
        SERVING.set(exchange);
        try {
            return work.call();
        } finally {
            SERVING.set(outer);
        }
    }

    /** Throws {@link RouteStopping} when the route of the exchange this thread serves is stopping. */
    public static void check() {
        Exchange exchange = SERVING.get();
        if (exchange != null) {
            check(exchange);
        }
    }

    /** Throws {@link RouteStopping} when the exchange's route is stopping. */
    public static void check(Exchange exchange) {
        if (stopping(exchange)) {
            throw new RouteStopping(exchange.getFromRouteId());
        }
    }

    /** Waits {@code pause}, or less: until the route of the exchange this thread serves stops. */
    public static void sleep(Duration pause) throws InterruptedException {
        Exchange exchange = SERVING.get();
        if (exchange == null) {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanosPart() % 1_000_000));
        } else {
            sleep(exchange, pause);
        }
    }

    /** Waits {@code pause}, or less: until the exchange's route stops. */
    public static void sleep(Exchange exchange, Duration pause) throws InterruptedException {
        long until = System.nanoTime() + pause.toNanos();
        for (long left = pause.toNanos(); left > 0; left = until - System.nanoTime()) {
            check(exchange);
            long millis = Math.min(STEP_MILLIS, left / 1_000_000);
            Thread.sleep(millis, millis == STEP_MILLIS ? 0 : (int) (left % 1_000_000));
        }
        check(exchange);
    }

    private static boolean stopping(Exchange exchange) {
        if (exchange.getContext().isStopping() || exchange.getContext().isStopped()) {
            return true;
        }
        if (exchange.getFromRouteId() == null) { // sent by a template, not consumed by a route
            return false;
        }
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        Consumer consumer = route == null ? null : route.getConsumer();
        if (consumer instanceof StatefulService service) {
            ServiceStatus status = service.getStatus();
            return status.isSuspending() || status.isSuspended() || status.isStopping() || status.isStopped();
        }
        return consumer == null;
    }
}
