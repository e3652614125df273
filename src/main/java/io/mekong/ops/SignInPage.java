package io.mekong.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

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

    /**
     * The form again, saying how long to wait: {@link SignInFormFailure} forwards a throttled sign-in here (a
     * forward of the POST to {@code /login} itself would meet the login filter again).
     */
    @RequestMapping(SignInFormFailure.THROTTLED_PAGE)
    String throttled() {
        return "login";
    }
}
