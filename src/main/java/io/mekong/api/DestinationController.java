package io.mekong.api;

import io.mekong.sink.DestinationChanges;
import io.mekong.sink.DestinationChanges.DestinationDraft;
import io.mekong.sink.DestinationReport;
import io.mekong.sink.DestinationReports;
import io.mekong.sink.Destinations;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Destinations: a target connection subscribed to the bus (docs/destinations.md). Scoped like connections: a merchant
 * sees and changes its own workspace's; a destination names a target connection of the same workspace. The rules are
 * {@link DestinationChanges}', which the console's form shares.
 */
@RestController
@RequestMapping("/api/destinations")
class DestinationController {

    private final DestinationChanges changes;
    private final DestinationReports reports;

    DestinationController(DestinationChanges changes, DestinationReports reports) {
        this.changes = changes;
        this.reports = reports;
    }

    record DestinationRequest(String id, String workspace, String connection, List<String> deliver, Boolean enabled) {

        DestinationDraft draft() {
            return new DestinationDraft(id, workspace, connection, deliver, enabled);
        }
    }

    @GetMapping
    List<DestinationReport> list(@RequestParam(required = false) String workspace) {
        return reports.list(workspace);
    }

    @PostMapping
    ResponseEntity<DestinationReport> create(@RequestBody DestinationRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(reports.report(changes.create(request.draft())));
    }

    @GetMapping("/{id}")
    DestinationReport get(@PathVariable String id, @RequestParam(required = false) String workspace) {
        return reports.get(id, workspace);
    }

    @PutMapping("/{id}")
    DestinationReport update(@PathVariable String id, @RequestParam(required = false) String workspace,
                             @RequestBody DestinationRequest request) {
        Destinations.Stored existing = reports.visible(id, workspace);
        if (request.id() != null && !request.id().equals(id)) {
            throw new IllegalArgumentException("id in the body (" + request.id() + ") differs from the path (" + id + ")");
        }
        return reports.report(changes.update(existing, request.draft()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) String workspace) {
        changes.delete(reports.visible(id, workspace));
        return ResponseEntity.noContent().build();
    }
}
