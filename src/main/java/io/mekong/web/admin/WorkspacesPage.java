package io.mekong.web.admin;

import io.mekong.ops.RefusedChange;
import io.mekong.ops.Workspaces;
import io.mekong.web.Refusals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Workspaces: the list with a form to add one, and renaming or moving one to another time zone. */
@Controller
class WorkspacesPage {

    private static final String PAGE = "console/admin/workspaces";

    private final Workspaces workspaces;
    private final Refusals refusals;

    WorkspacesPage(Workspaces workspaces, Refusals refusals) {
        this.workspaces = workspaces;
        this.refusals = refusals;
    }

    @GetMapping("/console/admin/workspaces")
    String list(Model model) {
        model.addAttribute("workspaces", workspaces.list());
        return PAGE;
    }

    @PostMapping("/console/admin/workspaces")
    String create(@RequestParam String id, @RequestParam String name, @RequestParam(required = false) String timeZone,
                  Model model, RedirectAttributes redirect) {
        try {
            workspaces.create(id, name, timeZone);
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            model.addAttribute("draft", new Workspaces.Workspace(id, name, timeZone, null));
            return list(model);
        }
        redirect.addFlashAttribute("saved", id);
        return "redirect:/console/admin/workspaces";
    }

    @PostMapping("/console/admin/workspaces/{id}")
    String update(@PathVariable String id, @RequestParam String name, @RequestParam String timeZone, Model model,
                  RedirectAttributes redirect) {
        try {
            workspaces.update(id, name, timeZone);
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            model.addAttribute("editing", id);
            return list(model);
        }
        redirect.addFlashAttribute("saved", id);
        return "redirect:/console/admin/workspaces";
    }
}
