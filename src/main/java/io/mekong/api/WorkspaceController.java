package io.mekong.api;

import io.mekong.ops.Workspaces;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Workspaces (admin only). No DELETE: see {@link Workspaces}. */
@RestController
@RequestMapping("/api/workspaces")
class WorkspaceController {

    private final Workspaces workspaces;

    WorkspaceController(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    record WorkspaceRequest(String id, String name, String timeZone) {
    }

    @GetMapping
    List<Workspaces.Workspace> list() {
        return workspaces.list();
    }

    @PostMapping
    ResponseEntity<Workspaces.Workspace> create(@RequestBody WorkspaceRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(workspaces.create(request.id(), request.name(), request.timeZone()));
    }

    @GetMapping("/{id}")
    Workspaces.Workspace get(@PathVariable String id) {
        return workspaces.get(id);
    }

    @PutMapping("/{id}")
    Workspaces.Workspace update(@PathVariable String id, @RequestBody WorkspaceRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new IllegalArgumentException("id in the body (" + request.id() + ") differs from the path (" + id + ")");
        }
        return workspaces.update(id, request.name(), request.timeZone());
    }
}
