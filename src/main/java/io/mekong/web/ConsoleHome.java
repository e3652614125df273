package io.mekong.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a person lands: the hub's root and the console's root both open the dashboard. */
@Controller
class ConsoleHome {

    @GetMapping({"/", "/console", "/console/"})
    String home() {
        return "redirect:/console/dashboard";
    }
}
