package io.mekong.web;

import io.mekong.ops.RefusedChange;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a console page says of a refusal, in the reader's language, whichever area refused: a refusal that carries its
 * message's code and arguments ({@link RefusedChange} and its kinds) is said in the words of the console's bundles;
 * any other, in its own English words.
 */
@Component
public class Refusals {

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    public String text(RuntimeException refusal) {
        return refusal instanceof MessageSourceResolvable coded
                ? messages.getMessage(coded, LocaleContextHolder.getLocale())
                : refusal.getMessage();
    }

    /** Shows the refusal next to its field ({@code fieldErrors}) when it concerns one, else above the form ({@code error}). */
    public void show(Model model, RefusedChange refusal) {
        String text = text(refusal);
        refusal.field().ifPresentOrElse(field -> model.addAttribute("fieldErrors", Map.of(field, text)),
                () -> model.addAttribute("error", text));
    }
}
