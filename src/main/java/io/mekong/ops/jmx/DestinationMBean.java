package io.mekong.ops.jmx;

import io.mekong.sink.DestinationStatus;
import io.mekong.sink.Destinations;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;

/**
 * One destination in Hawtio ({@code mekong:type=Destination,workspace=<ws>,name=<id>}): the figures GET
 * /api/destinations shows, from the same {@link DestinationStatus}.
 */
@ManagedResource(description = "A destination: status, lag, delivered, failed, dead letters")
public class DestinationMBean {

    private final long destinationId;
    private final Destinations destinations;
    private final DestinationStatus status;

    DestinationMBean(long destinationId, Destinations destinations, DestinationStatus status) {
        this.destinationId = destinationId;
        this.destinations = destinations;
        this.status = status;
    }

    @ManagedAttribute(description = "running, paused (its target is in trouble; the same events are tried again) or disabled")
    public String getStatus() {
        return now().status();
    }

    @ManagedAttribute(description = "Events of its topics not delivered yet; 0 = caught up; empty while Kafka does not answer")
    public Long getLag() {
        return now().lag();
    }

    @ManagedAttribute(description = "Events its target took")
    public long getDelivered() {
        return stored().delivered();
    }

    @ManagedAttribute(description = "Events its target refused for good")
    public long getFailed() {
        return stored().failed();
    }

    @ManagedAttribute(description = "Its open dead letters")
    public int getDeadLetters() {
        return now().deadLetters();
    }

    @ManagedAttribute(description = "Its target's last error")
    public String getLastError() {
        return stored().lastError();
    }

    private Destinations.Stored stored() {
        return destinations.find(destinationId).orElseThrow(
                () -> new IllegalStateException("destination " + destinationId + " no longer exists"));
    }

    private DestinationStatus.Now now() {
        return status.of(stored());
    }
}
