package io.mekong.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The sign-in form people reach when a page needs them signed in (Hawtio, the console). Spring Security handles the
 * form's POST, with its CSRF token, and sends the person back to the page they were going to; a POST reaches this
 * controller only when {@link SignInFormFailure} forwards a throttled sign-in here, to show the form with the wait.
 */
@Controller
class SignInPage {

    @RequestMapping(path = "/login", method = {RequestMethod.GET, RequestMethod.POST})
    String form() {
        return "login";
    }
}
