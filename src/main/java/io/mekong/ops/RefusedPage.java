package io.mekong.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What a signed-in person sees (403) when their role does not allow a page: who they are signed in as, what the page
 * is for, and a way to sign out and in as someone else. A merchant or viewer who follows the Hawtio link gets this
 * instead of a bare error or a loop back to the sign-in form.
 */
@Controller
class RefusedPage {

    static final String PATH = "/refused";

    @RequestMapping(PATH)
    String refused(HttpServletRequest request, Authentication authentication, Model model) {
        String page = Objects.toString(request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI), "");
        model.addAttribute("username", authentication.getName());
        model.addAttribute("role", authentication.getPrincipal() instanceof MekongUser user ? user.role().id() : "");
        model.addAttribute("hawtio", page.startsWith(request.getContextPath() + SecurityConfig.HAWTIO)
                || page.startsWith(request.getContextPath() + SecurityConfig.JOLOKIA));
        return "refused";
    }
}
