package io.mekong.web.destinations;

import io.mekong.sink.DestinationChanges;
import io.mekong.sink.DestinationReport;
import io.mekong.sink.DestinationReports;
import io.mekong.sink.Destinations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Destinations in the console: the figures of GET /api/destinations (the same service), one destination's detail,
 * turning its delivery on or off, and deleting it after a page that says what goes with it. Another workspace's
 * destination is a 404 for a merchant, as in the API.
 */
@Controller
@RequestMapping("/console/destinations")
class DestinationPages {

    private final DestinationReports reports;
    private final DestinationChanges changes;

    DestinationPages(DestinationReports reports, DestinationChanges changes) {
        this.reports = reports;
        this.changes = changes;
    }

    @GetMapping
    String list(@RequestParam(required = false) String workspace, Model model) {
        model.addAttribute("destinations", reports.list(workspace == null || workspace.isBlank() ? null : workspace));
        return "console/destinations/list";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, @RequestParam(required = false) String workspace, Model model) {
        model.addAttribute("destination", reports.get(id, workspace));
        return "console/destinations/detail";
    }

    /** Starts ({@code enabled=true}) or pauses its delivery; events wait on the bus meanwhile, nothing is lost. */
    @PostMapping("/{id}/enabled")
    String enable(@PathVariable String id, @RequestParam(required = false) String workspace,
                  @RequestParam boolean enabled, RedirectAttributes redirect) {
        DestinationReport changed = reports.enable(id, workspace, enabled);
        redirect.addFlashAttribute("notice", enabled ? "destinations.enabled.done" : "destinations.paused.done");
        return "redirect:" + path(changed.id(), changed.workspace());
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, @RequestParam(required = false) String workspace, Model model) {
        model.addAttribute("destination", reports.get(id, workspace));
        return "console/destinations/delete";
    }

    /** The same deletion as {@code DELETE /api/destinations/{id}}. */
    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) String workspace,
                  RedirectAttributes redirect) {
        Destinations.Stored deleted = reports.visible(id, workspace);
        changes.delete(deleted);
        redirect.addFlashAttribute("deleted", deleted.destination().apiId());
        return "redirect:/console/destinations";
    }

    /** A destination's page: its id, and its workspace, which another workspace's destination of that id needs. */
    static String path(String id, String workspace) {
        return UriComponentsBuilder.fromPath("/console/destinations/{id}").queryParam("workspace", workspace)
                .buildAndExpand(id).encode().toUriString();
    }
}
