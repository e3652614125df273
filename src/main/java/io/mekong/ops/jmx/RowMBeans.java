package io.mekong.ops.jmx;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.sink.DestinationStatus;
import io.mekong.sink.Destinations;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobRepository;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.ObjectName;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jmx.export.MBeanExporter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps one MBean per sync job, connection and destination, as rows come and go through the API or the console:
 * every few seconds ({@code mekong.jmx.refresh-every}) it registers the new rows and unregisters the deleted ones,
 * and at shutdown all of its own. An MBean only holds its row's id and reads the figures afresh when Hawtio asks, so
 * it is never stale; a row whose id changed under the same name (deleted and created again) gets a new MBean.
 */
@Component
@ConditionalOnProperty(prefix = "spring.jmx", name = "enabled", havingValue = "true")
class RowMBeans implements DisposableBean {

    static final String SYNC_JOB = "SyncJob";
    static final String CONNECTION = "Connection";
    static final String DESTINATION = "Destination";

    private final MBeanExporter exporter;
    private final SyncJobRepository jobs;
    private final SyncJobOperations syncJobs;
    private final ConnectionService connections;
    private final ConnectionFacts connectionFacts;
    private final Destinations destinations;
    private final DestinationStatus destinationStatus;
    /** What is registered: each name with the id of the row its MBean reads. */
    private final Map<ObjectName, Object> registered = new HashMap<>();

    RowMBeans(MBeanExporter exporter, SyncJobRepository jobs, SyncJobOperations syncJobs, ConnectionService connections,
              ConnectionFacts connectionFacts, Destinations destinations, DestinationStatus destinationStatus) {
        this.exporter = exporter;
        this.jobs = jobs;
        this.syncJobs = syncJobs;
        this.connections = connections;
        this.connectionFacts = connectionFacts;
        this.destinations = destinations;
        this.destinationStatus = destinationStatus;
    }

    private record Row(Object id, Supplier<Object> mbean) {
    }

    @Scheduled(fixedDelayString = "${mekong.jmx.refresh-every:PT5S}")
    synchronized void refresh() {
        Map<ObjectName, Row> wanted = new LinkedHashMap<>();
        for (SyncJob job : jobs.list(null)) {
            wanted.put(MekongObjectNames.of(SYNC_JOB, job.workspaceId(), String.valueOf(job.id())),
                    new Row(job.id(), () -> new SyncJobMBean(job.id(), syncJobs)));
        }
        for (Connection connection : connections.list(null)) {
            wanted.put(MekongObjectNames.of(CONNECTION, connection.workspaceId(), connection.apiId()),
                    new Row(connection.id(), () -> new ConnectionMBean(connection.id(), connectionFacts)));
        }
        for (Destinations.Stored stored : destinations.list(null)) {
            long id = stored.destination().id();
            wanted.put(MekongObjectNames.of(DESTINATION, stored.destination().workspaceId(), stored.destination().apiId()),
                    new Row(id, () -> new DestinationMBean(id, destinations, destinationStatus)));
        }
        registered.entrySet().removeIf(entry -> {
            Row row = wanted.get(entry.getKey());
            boolean gone = row == null || !row.id().equals(entry.getValue());
            if (gone) {
                exporter.unregisterManagedResource(entry.getKey());
            }
            return gone;
        });
        wanted.forEach((name, row) -> {
            if (!registered.containsKey(name)) {
                exporter.registerManagedResource(row.mbean().get(), name);
                registered.put(name, row.id());
            }
        });
    }

    @Override
    public synchronized void destroy() {
        registered.keySet().forEach(exporter::unregisterManagedResource);
        registered.clear();
    }
}
