package io.mekong.sink.reporting;

import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Whether the reporting route's poll is failing now: its error policy (bus-consumer-errors) tries a failed step again in
 * place, for ever, so the route stays started while nothing is applied. A redelivery of one of its exchanges starts the
 * trouble (with the reason), the exchange's completion ends it. Camel finds this notifier among the Spring beans.
 */
@Component
public class ReportingTrouble extends EventNotifierSupport {

    /** The id of the reporting route (routes/reporting.yaml). */
    public static final String ROUTE = "reporting";

    /** The failure the poll is being retried for: its reason, the attempts so far, since when. */
    public record Failing(String reason, int attempts, Instant since) {
    }

    private final Clock clock;
    private volatile Failing failing;

    public ReportingTrouble(Clock clock) {
        this.clock = clock;
        // only exchange events are needed: sparing Camel the others keeps the routing of every route as cheap as before
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /** The failure the reporting poll is retried for now, or null when it is not failing. */
    public Failing failing() {
        return failing;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof ExchangeRedeliveryEvent || event.getType() == CamelEvent.Type.ExchangeCompleted
                || event.getType() == CamelEvent.Type.ExchangeFailed)
                && ROUTE.equals(((ExchangeEvent) event).getExchange().getFromRouteId());
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (event instanceof ExchangeRedeliveryEvent redelivery) {
            Failing before = failing;
            failing = new Failing(reason(exchange), redelivery.getAttempt(), before == null ? clock.instant() : before.since());
        } else if (event.getType() == CamelEvent.Type.ExchangeCompleted) {
            failing = null;
        } else {
            failing = new Failing(reason(exchange), failing == null ? 1 : failing.attempts(), clock.instant());
        }
    }

    private static String reason(Exchange exchange) {
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            return "a step failed and is being tried again";
        }
        while (cause.getCause() != null && cause.getCause() != cause) { // the innermost cause names the real trouble
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
