package io.mekong.camel;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes an {@link Error} thrown by a route step fail the exchange like an exception, so the route's doCatch and error
 * policy see it and the flow goes on. Camel lets an Error unwind the thread that runs the route: on a timer route
 * (the webhook inbox) that kills the timer's thread, and the flow stops for good with no further log. A library's
 * assertion is enough: PostgreSQL's driver asserts, when assertions are on, that a connection closed under a batch
 * still answers (seen when the database restarted under the inbox). Errors of the JVM itself (out of memory, stack
 * overflow) are left alone: nothing sensible goes on after them.
 */
@Component
public class StepErrors implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        AsyncProcessor step = AsyncProcessorConverterHelper.convert(target);
        return new DelegateAsyncProcessor(step) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                try {
                    return processor.process(exchange, callback);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Error e) {
                    exchange.setException(new StepFailed(definition, e));
                    callback.done(true);
                    return true;
                }
            }
        };
    }

    /** An Error of a route step, as the exception that fails its exchange. */
    public static final class StepFailed extends RuntimeException {

        StepFailed(NamedNode step, Error cause) {
            super("step " + step.getShortName() + (step.getId() == null ? "" : " (" + step.getId() + ")")
                    + " failed with " + cause, cause);
        }
    }
}
