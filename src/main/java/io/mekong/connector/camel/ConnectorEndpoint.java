package io.mekong.connector.camel;

import io.mekong.connector.ConnectorEngine;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One {@code connector:} address: an operation, and for a fetch maybe a (system, stream) pair. Producer only. */
public class ConnectorEndpoint extends DefaultEndpoint {

    private final String operation;
    private final String system;
    private final String stream;
    private int minRecords = 1;
    private boolean readAhead;
    private boolean absent;

    ConnectorEndpoint(String uri, ConnectorComponent component, String operation, String system, String stream) {
        super(uri, component);
        this.operation = operation;
        this.system = system;
        this.stream = stream;
    }

    @Override
    public Producer createProducer() {
        ConnectorEngine engine = ((ConnectorComponent) getComponent()).engine();
        return switch (operation) {
            case ConnectorComponent.LOOKUP -> new LookupProducer(this, engine);
            case ConnectorComponent.KEYS -> new KeysProducer(this, engine);
            default -> new ConnectorProducer(this, engine);
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("connector: endpoints only produce; a sync job or timer drives them (" + getEndpointUri() + ")");
    }

    /** fetch, lookup or keys */
    public String getOperation() {
        return operation;
    }

    /** null unless the address names it ({@code connector:<system>/<stream>}) */
    public String getSystem() {
        return system;
    }

    /** null unless the address names it ({@code connector:<system>/<stream>}) */
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

    /** For a lookup: answer with the keys the system no longer has instead of the records it has. */
    public boolean isAbsent() {
        return absent;
    }

    public void setAbsent(boolean absent) {
        this.absent = absent;
    }

    public void setMinRecords(int minRecords) {
        if (minRecords < 1) {
            throw new IllegalArgumentException("minRecords must be at least 1 in " + getEndpointUri());
        }
        this.minRecords = minRecords;
    }
}
