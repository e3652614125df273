package io.mekong.web.connections;

import io.mekong.connection.Connection;
import io.mekong.connection.VisibleConnections;
import io.mekong.sync.ConnectionRemoval;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deleting a connection from the console: a page that names what goes with it (its sync jobs and the destinations
 * delivering to it, linked, and the data synced through it), then the same removal as {@code DELETE /api/connections}.
 */
@Controller
class ConnectionDeletion {

    private final VisibleConnections visible;
    private final ConnectionRemoval removal;

    ConnectionDeletion(VisibleConnections visible, ConnectionRemoval removal) {
        this.visible = visible;
        this.removal = removal;
    }

    @GetMapping("/console/connections/{workspace}/{id}/delete")
    String confirm(@PathVariable String workspace, @PathVariable String id, Model model) {
        Connection connection = visible.get(workspace, id);
        model.addAttribute("connection", connection);
        model.addAttribute("path", ConnectionsPage.path(connection));
        model.addAttribute("dependents", removal.dependents(connection));
        return "console/connections/delete";
    }

    @PostMapping("/console/connections/{workspace}/{id}/delete")
    String delete(@PathVariable String workspace, @PathVariable String id, RedirectAttributes redirect) {
        Connection connection = visible.get(workspace, id);
        removal.remove(connection);
        redirect.addFlashAttribute("deleted", connection.name());
        return "redirect:/console/connections";
    }
}
