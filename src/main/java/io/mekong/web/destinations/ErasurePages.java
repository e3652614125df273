package io.mekong.web.destinations;

import io.mekong.privacy.ErasureRequests;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Erasure requests in the console: the newest ones, and one request's status overall, per part and per destination
 * (the data of GET /api/erasures/{id}, from the same service), refreshed by htmx while it is incomplete.
 */
@Controller
@RequestMapping("/console/erasures")
class ErasurePages {

    /** Requests listed at most, newest first. */
    static final int LISTED = 200;

    private final ErasureRequests requests;

    ErasurePages(ErasureRequests requests) {
        this.requests = requests;
    }

    @GetMapping
    String list(@RequestParam(required = false) String workspace, Model model) {
        model.addAttribute("erasures", requests.recent(workspace == null || workspace.isBlank() ? null : workspace, LISTED));
        return "console/destinations/erasures";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @RequestParam(required = false) String workspace, Model model) {
        model.addAttribute("erasure", ErasureStatus.of(requests.visible(id, workspace)));
        return "console/destinations/erasure";
    }

    /** The status part of the page, which the page fetches again while the erasure is incomplete. */
    @GetMapping("/{id}/status")
    String status(@PathVariable long id, @RequestParam(required = false) String workspace, Model model) {
        detail(id, workspace, model);
        return "console/destinations/erasure :: status";
    }
}
