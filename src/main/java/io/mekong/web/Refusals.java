package io.mekong.web.admin;

import io.mekong.ops.RefusedChange;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Shows a refused change on the page that asked for it, in the reader's language: next to its field
 * ({@code fieldErrors}) when it concerns one, else at the top of the form ({@code error}).
 */
@Component
class Refusals {

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    void show(Model model, RefusedChange refusal) {
        String text = messages.getMessage("admin.error." + refusal.code(), refusal.args(), refusal.getMessage(),
                LocaleContextHolder.getLocale());
        refusal.field().ifPresentOrElse(field -> model.addAttribute("fieldErrors", Map.of(field, text)),
                () -> model.addAttribute("error", text));
    }
}
