package io.mekong.sink;

import io.mekong.connection.ConnectionService;
import io.mekong.ops.AmbiguousIdException;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The destinations a caller may see, with their status, for the API and the console alike. Merchants see their own
 * workspace's; admins, operators and viewers see every workspace's, or the one they name.
 */
@Service
public class DestinationReports {

    private final Destinations destinations;
    private final DestinationStatus status;
    private final DestinationRoutes routes;
    private final ConnectionService connections;
    private final WorkspaceScope scope;

    public DestinationReports(Destinations destinations, DestinationStatus status, DestinationRoutes routes,
                              ConnectionService connections, WorkspaceScope scope) {
        this.destinations = destinations;
        this.status = status;
        this.routes = routes;
        this.connections = connections;
        this.scope = scope;
    }

    /** @param workspace the workspace the caller names, or null for all they may see */
    public List<DestinationReport> list(String workspace) {
        return destinations.list(scope.workspaceToList(workspace)).stream().map(this::report).toList();
    }

    /**
     * The destination known by {@code apiId} in the caller's scope.
     *
     * @throws NotInWorkspaceException (404) when the caller sees none of that id
     * @throws AmbiguousIdException    (409) when the caller sees several workspaces using it and named none
     */
    public Destinations.Stored visible(String apiId, String workspace) {
        List<Destinations.Stored> found = destinations.list(scope.workspaceToList(workspace)).stream()
                .filter(d -> d.destination().apiId().equals(apiId)).toList();
        if (found.isEmpty()) {
            throw new NotInWorkspaceException(NotInWorkspaceException.Kind.DESTINATION, apiId);
        }
        if (found.size() > 1) {
            throw new AmbiguousIdException("destination id '" + apiId + "' is used in workspaces "
                    + found.stream().map(d -> d.destination().workspaceId()).toList() + "; name one with ?workspace=");
        }
        return found.get(0);
    }

    public DestinationReport get(String apiId, String workspace) {
        return report(visible(apiId, workspace));
    }

    /** Starts or stops the destination's delivery (its consumer); events wait on the bus while it is off. */
    public DestinationReport enable(String apiId, String workspace, boolean enabled) {
        Destination d = visible(apiId, workspace).destination();
        destinations.update(d.id(), d.connectionId(), d.deliver(), enabled);
        routes.reconcile();
        return report(destinations.find(d.id()).orElseThrow());
    }

    public DestinationReport report(Destinations.Stored stored) {
        Destination d = stored.destination();
        DestinationStatus.Now now = status.of(stored);
        return new DestinationReport(d.apiId(), d.workspaceId(), connections.apiId(d.connectionId()).orElse(d.connectionId()),
                d.connector(), d.deliver(), d.enabled(), now.status(), now.lag(), stored.delivered(), stored.failed(),
                now.deadLetters(), stored.lastError(), stored.failingSince(), stored.createdAt(), stored.updatedAt());
    }
}
