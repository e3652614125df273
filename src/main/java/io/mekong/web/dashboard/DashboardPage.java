package io.mekong.web.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page. */
@Controller
class DashboardPage {

    @GetMapping("/console/dashboard")
    String dashboard() {
        return "console/dashboard/index";
    }
}
