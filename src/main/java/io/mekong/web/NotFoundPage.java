package io.mekong.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The console's 404 page, as the exception handlers render it. Spring calls no {@code @ModelAttribute} method for a
 * page an exception handler renders, so the page is given what every console page knows ({@link ConsoleModel}) here:
 * without it the header would lose the signed-in person and the sign-out button, and the footer its time zone.
 */
@Component
public class NotFoundPage {

    private final ConsoleModel console;

    NotFoundPage(ConsoleModel console) {
        this.console = console;
    }

    /** @param what the thing not found, as the page names it ({@code Connection shop-b}) */
    public String show(Model model, Authentication authentication, String what) {
        model.addAttribute("me", console.me(authentication));
        model.addAttribute("zone", console.zone());
        model.addAttribute("what", what);
        return "console/not-found";
    }
}
