package io.mekong.web.destinations;

import io.mekong.ops.RefusedChange;
import io.mekong.sink.Destination;
import io.mekong.sink.DestinationChanges;
import io.mekong.sink.DestinationReport;
import io.mekong.sink.DestinationReports;
import io.mekong.sink.Destinations;
import io.mekong.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing a destination in the console: one form, a choice of the workspace's target connections, the
 * deliverables as checkboxes. Through {@link DestinationChanges}, as {@code POST} and {@code PUT /api/destinations},
 * so that the console refuses what the API refuses, in the reader's language.
 */
@Controller
@RequestMapping("/console/destinations")
class DestinationFormPages {

    private final DestinationChanges changes;
    private final DestinationReports reports;
    private final Refusals refusals;

    DestinationFormPages(DestinationChanges changes, DestinationReports reports, Refusals refusals) {
        this.changes = changes;
        this.reports = reports;
        this.refusals = refusals;
    }

    @GetMapping("/new")
    String newDestination(Model model) {
        return form(model, null, new DestinationForm("", "", List.of(), true), Map.of());
    }

    @PostMapping("/new")
    String create(@RequestParam(defaultValue = "") String id, @RequestParam(required = false) String connection,
                  @RequestParam(required = false) List<String> deliver, @RequestParam Map<String, String> submitted,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        DestinationForm form = new DestinationForm(id, connection, deliver, "true".equals(submitted.get("enabled")));
        try {
            return saved(changes.create(form.draft(id)), "destinations.created", redirect);
        } catch (RefusedChange refusal) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, null, form, DestinationForm.errors(refusal, refusals));
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable String id, @RequestParam(required = false) String workspace, Model model) {
        DestinationReport shown = reports.get(id, workspace);
        return form(model, shown, new DestinationForm(shown.id(),
                DestinationForm.connectionValue(shown.workspace(), shown.connection()), List.copyOf(shown.deliver()),
                shown.enabled()), Map.of());
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable String id, @RequestParam(required = false) String workspace,
                  @RequestParam(required = false) String connection, @RequestParam(required = false) List<String> deliver,
                  @RequestParam Map<String, String> submitted, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Destinations.Stored existing = reports.visible(id, workspace);
        DestinationForm form = new DestinationForm(id, connection, deliver, "true".equals(submitted.get("enabled")));
        try {
            return saved(changes.update(existing, form.draft(null)), "destinations.saved", redirect);
        } catch (RefusedChange refusal) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, reports.report(existing), form, DestinationForm.errors(refusal, refusals));
        }
    }

    /** @param shown the destination being edited, null for a new one */
    private String form(Model model, DestinationReport shown, DestinationForm form, Map<String, String> errors) {
        model.addAttribute("destination", shown);
        model.addAttribute("targets", changes.targets(shown == null ? null : shown.workspace()));
        model.addAttribute("deliverables", DestinationChanges.deliverables());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/destinations/form";
    }

    private static String saved(Destinations.Stored saved, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        Destination d = saved.destination();
        return "redirect:" + DestinationPages.path(d.apiId(), d.workspaceId());
    }
}
