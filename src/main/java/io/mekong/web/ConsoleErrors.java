package io.mekong.web;

import io.mekong.ops.NotInWorkspaceException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A console page about something missing answers with a page of the console, not a JSON error: a row of another
 * workspace looks exactly like one that does not exist, so a merchant learns nothing about other merchants.
 */
@ControllerAdvice(basePackages = "io.mekong.web")
class ConsoleErrors {

    private final NotFoundPage notFound;

    ConsoleErrors(NotFoundPage notFound) {
        this.notFound = notFound;
    }

    @ExceptionHandler(PageNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(PageNotFound e, Model model, Authentication authentication) {
        return notFound.show(model, authentication, e.getMessage());
    }

    @ExceptionHandler(NotInWorkspaceException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notInWorkspace(NotInWorkspaceException e, Model model, Authentication authentication) {
        return notFound.show(model, authentication, e.what());
    }
}
