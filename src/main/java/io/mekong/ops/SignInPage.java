package io.mekong.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in form people reach when a page needs them signed in (Hawtio, the console). Spring Security handles the
 * form's POST, with its CSRF token, and sends the person back to the page they were going to.
 */
@Controller
class SignInPage {

    @GetMapping("/login")
    String form() {
        return "login";
    }
}
