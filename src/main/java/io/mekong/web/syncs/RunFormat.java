package io.mekong.web.syncs;

import java.time.Duration;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** How runs look in the console: {@code ${@runFormat.badge(run.status)}}, {@code ${@runFormat.duration(d)}}. */
@Component("runFormat")
public class RunFormat {

    private final MessageSource messages;

    RunFormat(MessageSource messages) {
        this.messages = messages;
    }

    /** The badge class of a run's status. */
    public String badge(String status) {
        return switch (status) {
            case "succeeded" -> "ok";
            case "failed" -> "bad";
            case "queued", "running" -> "warn";
            default -> "idle";
        };
    }

    /** "2 min 05 s", "1 h 03 min", "0.4 s" (or the Vietnamese). */
    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        Object[] parts = {duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart(),
                duration.toMillis() / 100 / 10.0};
        String key = duration.toHours() > 0 ? "syncs.duration.hours" : duration.toMinutes() > 0 ? "syncs.duration.minutes"
                : duration.toSeconds() >= 10 ? "syncs.duration.seconds" : "syncs.duration.tenths";
        return messages.getMessage(key, parts, LocaleContextHolder.getLocale());
    }
}
