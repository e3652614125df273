package io.mekong.connector.camel;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One {@code connector:} address: a (system, stream) pair, or neither for {@code connector:fetch}. Producer only. */
public class ConnectorEndpoint extends DefaultEndpoint {

    private final String system;
    private final String stream;
    private int minRecords = 1;
    private boolean readAhead;

    ConnectorEndpoint(String uri, ConnectorComponent component, String system, String stream) {
        super(uri, component);
        this.system = system;
        this.stream = stream;
    }

    @Override
    public Producer createProducer() {
        return new ConnectorProducer(this, ((ConnectorComponent) getComponent()).engine());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("connector: endpoints only produce; a sync job or timer drives them (" + getEndpointUri() + ")");
    }

    /** null for {@code connector:fetch} */
    public String getSystem() {
        return system;
    }

    /** null for {@code connector:fetch} */
    public String getStream() {
        return stream;
    }

    /**
     * Read API pages until at least this many records are in hand (or the stream ends) before passing them on:
     * an API that allows only a few records per page (Shopify's query cost) still gets stored in efficient batches.
     */
    public int getMinRecords() {
        return minRecords;
    }

    /** Read the next batch while the route processes this one (for loops that read a stream to its end). */
    public boolean isReadAhead() {
        return readAhead;
    }

    public void setReadAhead(boolean readAhead) {
        this.readAhead = readAhead;
    }

    public void setMinRecords(int minRecords) {
        if (minRecords < 1) {
            throw new IllegalArgumentException("minRecords must be at least 1 in " + getEndpointUri());
        }
        this.minRecords = minRecords;
    }
}
