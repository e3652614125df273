package io.mekong.web;

import java.time.ZoneId;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows: who is signed in ({@code me}) and the time zone its dates are shown in; the pages of
 * this package and those marked {@link ConsolePage}.
 */
@ControllerAdvice(basePackages = "io.mekong.web", annotations = ConsolePage.class)
class ConsoleModel {

    private final ConsoleFormat format;

    ConsoleModel(ConsoleFormat format) {
        this.format = format;
    }

    @ModelAttribute("me")
    ConsoleUser me(Authentication authentication) {
        return authentication == null ? null : ConsoleUser.of(authentication);
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return format.zone();
    }
}
