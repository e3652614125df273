package io.mekong.web.dashboard;

import io.mekong.ops.Workspaces;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard: the page, and its figures as a fragment the page fetches again every 15 s (htmx), so that only the
 * figures refresh. Merchants see their workspace; the other roles every workspace, or the one they pick.
 */
@Controller
@RequestMapping("/console/dashboard")
class DashboardController {

    private final Dashboard dashboard;
    private final ChartJson charts;
    private final Workspaces workspaces;

    DashboardController(Dashboard dashboard, ChartJson charts, Workspaces workspaces) {
        this.dashboard = dashboard;
        this.charts = charts;
        this.workspaces = workspaces;
    }

    @GetMapping
    String page(@RequestParam(required = false) String workspace, @ModelAttribute("zone") ZoneId zone, Model model) {
        model.addAttribute("workspaces", workspaces.list());
        figures(workspace, zone, model);
        return "console/dashboard/dashboard";
    }

    @GetMapping("/figures")
    String figures(@RequestParam(required = false) String workspace, @ModelAttribute("zone") ZoneId zone, Model model) {
        String named = blankAsNull(workspace);
        // days and hours are counted in the zone of the workspace shown: the reader's own, or the one an admin picked
        ZoneId counted = named == null ? zone : workspaces.zoneOf(named);
        DashboardView view = dashboard.view(named, counted);
        model.addAttribute("chartZone", counted);
        model.addAttribute("view", view);
        model.addAttribute("ordersChart", charts.of(view.ordersPerDay()));
        model.addAttribute("runsChart", charts.of(view.recordsPerRun()));
        model.addAttribute("webhooksChart", charts.of(view.webhooksPerHour()));
        return "console/dashboard/figures :: figures";
    }

    private static String blankAsNull(String workspace) {
        return workspace == null || workspace.isBlank() ? null : workspace;
    }
}
