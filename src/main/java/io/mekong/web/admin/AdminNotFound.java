package io.mekong.web.admin;

import io.mekong.ops.RefusedChange;
import io.mekong.web.NotFoundPage;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A user or token that does not exist (or, for a token, is someone else's) answers with the console's 404 page.
 * The pages catch every other refusal themselves to show it next to its form.
 */
@ControllerAdvice(basePackages = "io.mekong.web.admin")
class AdminNotFound {

    private final NotFoundPage notFound;

    AdminNotFound(NotFoundPage notFound) {
        this.notFound = notFound;
    }

    @ExceptionHandler(RefusedChange.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(RefusedChange refused, Model model, Authentication authentication) {
        if (refused.reason() != RefusedChange.Reason.NOT_FOUND) {
            throw refused;
        }
        Object[] args = refused.args();
        return notFound.show(model, authentication, args.length > 0 ? String.valueOf(args[0]) : refused.getMessage());
    }
}
