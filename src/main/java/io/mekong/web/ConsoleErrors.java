package io.mekong.web;

import io.mekong.ops.NotInWorkspaceException;
import java.util.Locale;
import org.springframework.context.MessageSource;
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
    private final MessageSource messages;

    ConsoleErrors(NotFoundPage notFound, MessageSource messages) {
        this.notFound = notFound;
        this.messages = messages;
    }

    @ExceptionHandler(PageNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(PageNotFound e, Model model, Authentication authentication, Locale locale) {
        return notFound.show(model, authentication, messages.getMessage(e.messageKey(), new Object[] {e.id()}, locale));
    }

    @ExceptionHandler(NotInWorkspaceException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notInWorkspace(NotInWorkspaceException e, Model model, Authentication authentication, Locale locale) {
        return notFound.show(model, authentication,
                messages.getMessage(e.kind().messageKey(), new Object[] {e.id()}, locale));
    }
}
