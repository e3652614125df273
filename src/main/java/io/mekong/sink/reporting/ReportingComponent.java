package io.mekong.sink.reporting;

import io.mekong.bus.BusEvent;
import io.mekong.camel.OperationComponent;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The {@code reporting:apply} step of routes/reporting.yaml: applies the body's events (what {@code bus:received} left:
 * those the reporting consumer has not applied yet) to the star schema, in one transaction.
 */
@Component("reporting")
public class ReportingComponent extends OperationComponent {

    private final ReportingWriter writer;

    public ReportingComponent(ReportingWriter writer) {
        super("reporting", List.of("apply"));
        this.writer = writer;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void process(String operation, Exchange exchange) throws Exception {
        writer.apply(exchange.getMessage().getMandatoryBody(List.class));
    }
}
