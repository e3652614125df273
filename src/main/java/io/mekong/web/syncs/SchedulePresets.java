package io.mekong.web.syncs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The schedules the sync form offers (every 15 minutes, hourly, daily at a time, or a cron line of one's own, or none),
 * as the schedule text the sync service takes, and back; and a schedule in words
 * ({@code ${@schedulePresets.words(job.schedule)}}). Times are the job's time zone's.
 */
@Component("schedulePresets")
public class SchedulePresets {

    static final String NONE = "none";
    static final String EVERY_15_MINUTES = "every15";
    static final String HOURLY = "hourly";
    static final String DAILY = "daily";
    static final String CRON = "cron";
    private static final Pattern DAILY_CRON = Pattern.compile("(\\d{1,2}) (\\d{1,2}) \\* \\* \\*");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    /** The form's schedule fields. */
    record Choice(String preset, String dailyAt, String cron) {
    }

    /** A schedule field the person must fix; {@code messageKey} says how. */
    static final class Unusable extends RuntimeException {
        final String field;
        final String messageKey;

        Unusable(String field, String messageKey) {
            super(messageKey);
            this.field = field;
            this.messageKey = messageKey;
        }
    }

    private final MessageSource messages;

    SchedulePresets(MessageSource messages) {
        this.messages = messages;
    }

    /** The form's fields showing a stored schedule. */
    static Choice choice(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return new Choice(NONE, "", "");
        }
        if (schedule.equals("@every 15m")) {
            return new Choice(EVERY_15_MINUTES, "", "");
        }
        if (schedule.equals("@hourly")) {
            return new Choice(HOURLY, "", "");
        }
        Matcher daily = DAILY_CRON.matcher(schedule);
        if (daily.matches() && Integer.parseInt(daily.group(2)) < 24 && Integer.parseInt(daily.group(1)) < 60) {
            return new Choice(DAILY, String.format(Locale.ROOT, "%02d:%02d", Integer.parseInt(daily.group(2)),
                    Integer.parseInt(daily.group(1))), "");
        }
        return new Choice(CRON, "", schedule);
    }

    /**
     * The schedule text of the form's fields, null for none.
     *
     * @throws Unusable when the daily time or the cron line is missing or not a time
     */
    static String schedule(Choice choice) {
        String preset = choice.preset() == null ? NONE : choice.preset();
        return switch (preset) {
            case EVERY_15_MINUTES -> "@every 15m";
            case HOURLY -> "@hourly";
            case DAILY -> {
                Matcher time = TIME.matcher(choice.dailyAt() == null ? "" : choice.dailyAt().strip());
                if (!time.matches()) {
                    throw new Unusable("dailyAt", "syncs.error.dailyAt");
                }
                yield Integer.parseInt(time.group(2)) + " " + Integer.parseInt(time.group(1)) + " * * *";
            }
            case CRON -> {
                if (choice.cron() == null || choice.cron().isBlank()) {
                    throw new Unusable("cron", "syncs.error.cron");
                }
                yield choice.cron().strip();
            }
            default -> null;
        };
    }

    /** The schedule in the reader's words: "Every 15 minutes", "Daily at 08:30", or the line as written. */
    public String words(String schedule) {
        Choice choice = choice(schedule);
        Locale locale = LocaleContextHolder.getLocale();
        return switch (choice.preset()) {
            case CRON -> messages.getMessage("syncs.schedule.cronWords", new Object[] {choice.cron()}, locale);
            case DAILY -> messages.getMessage("syncs.schedule.dailyWords", new Object[] {choice.dailyAt()}, locale);
            default -> messages.getMessage("syncs.schedule." + choice.preset(), null, locale);
        };
    }
}
