package io.mekong.sync;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.sink.Destination;
import io.mekong.sink.DestinationRoutes;
import io.mekong.sink.Destinations;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Deletes a connection with everything that hangs on it, for the API and the console alike: its sync jobs with their
 * runs, the records synced through it, its webhook inbox and dead letters (the database's cascade), and the
 * destinations that deliver to it. The jobs leave the scheduler first, so that none fires meanwhile; the destinations'
 * consumers leave the bus at once rather than at the next reconciliation.
 */
@Service
public class ConnectionRemoval {

    /** What goes with a connection that other things name, for a person to see before deleting it. */
    public record Dependents(List<SyncJob> jobs, List<Destination> destinations) {
    }

    private final ConnectionService connections;
    private final SyncJobRepository jobs;
    private final SyncScheduler scheduler;
    private final Destinations destinations;
    private final DestinationRoutes routes;

    public ConnectionRemoval(ConnectionService connections, SyncJobRepository jobs, SyncScheduler scheduler,
                             Destinations destinations, DestinationRoutes routes) {
        this.connections = connections;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.destinations = destinations;
        this.routes = routes;
    }

    /** @param connection one the caller may see */
    public Dependents dependents(Connection connection) {
        return new Dependents(jobs.forConnection(connection.id()), destinations.list(connection.workspaceId()).stream()
                .map(Destinations.Stored::destination).filter(d -> d.connectionId().equals(connection.id())).toList());
    }

    /** @param connection one the caller may see; its deletion is audited */
    public void remove(Connection connection) {
        jobs.forConnection(connection.id()).forEach(job -> scheduler.unschedule(job.id()));
        connections.delete(connection.id());
        routes.reconcile();
    }
}
