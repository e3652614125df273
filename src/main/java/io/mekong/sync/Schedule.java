package io.mekong.sync;

import io.mekong.ops.RefusedChange;
import java.text.ParseException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;

/**
 * A sync schedule as people write it: {@code @every 15m} (s, m, h, d), {@code @hourly}, {@code @daily}, a Unix
 * cron line with five fields ({@code *}{@code /15 * * * *}) or a Quartz cron line with six or seven fields.
 * Cron schedules ({@code @hourly} and {@code @daily} too) are read in the job's time zone: {@code 30 8 * * *} in
 * {@code Asia/Ho_Chi_Minh} fires at 08:30 there, which is 01:30 UTC. Every schedule fires at least {@value #SHORTEST_SECONDS} s apart (a cron line
 * too: its shortest gap between fires is measured); an {@code @every} interval is at most {@value #LONGEST_DAYS} days.
 */
public final class Schedule {

    private static final Pattern EVERY = Pattern.compile("@every\\s+(\\d+)\\s*([smhd])", Pattern.CASE_INSENSITIVE);
    static final int SHORTEST_SECONDS = 10;
    static final int LONGEST_DAYS = 366;
    private static final Duration SHORTEST = Duration.ofSeconds(SHORTEST_SECONDS);
    private static final Duration LONGEST = Duration.ofDays(LONGEST_DAYS);
    /** Fires of a cron line looked at for its shortest gap: enough to meet every pattern of seconds and minutes. */
    private static final int FIRES_MEASURED = 1000;

    private final String text;
    private final Duration interval;
    private final String quartzCron;
    private final ZoneId zone;

    private Schedule(String text, Duration interval, String quartzCron, ZoneId zone) {
        this.text = text;
        this.interval = interval;
        this.quartzCron = quartzCron;
        this.zone = zone;
    }

    /**
     * @param zone where the times of a cron schedule are read (an {@code @every} interval has none)
     * @throws RefusedChange naming what is wrong with the text
     */
    public static Schedule parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw refused("syncs.error.schedule-empty", "schedule is empty; use e.g. \"@every 15m\" or \"*/15 * * * *\"");
        }
        String trimmed = text.trim();
        Matcher every = EVERY.matcher(trimmed);
        if (every.matches()) {
            // more than nine digits is longer than the longest in any unit, and would overflow a Duration
            if (every.group(1).length() > 9) {
                throw tooLong(trimmed);
            }
            long amount = Long.parseLong(every.group(1));
            Duration interval = switch (every.group(2).toLowerCase(Locale.ROOT)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (interval.compareTo(SHORTEST) < 0) {
                throw refused("syncs.error.every-too-short", "schedule \"" + trimmed + "\" is shorter than "
                        + SHORTEST.toSeconds() + "s", SHORTEST.toSeconds());
            }
            if (interval.compareTo(LONGEST) > 0) {
                throw tooLong(trimmed);
            }
            return new Schedule(trimmed, interval, null, zone);
        }
        if (trimmed.equalsIgnoreCase("@hourly")) {
            return new Schedule(trimmed, null, "0 0 * * * ?", zone);
        }
        if (trimmed.equalsIgnoreCase("@daily")) {
            return new Schedule(trimmed, null, "0 0 0 * * ?", zone);
        }
        if (trimmed.startsWith("@")) {
            throw refused("syncs.error.schedule-unknown", "schedule \"" + trimmed
                    + "\" is not one of @every <n>s|m|h|d, @hourly, @daily");
        }
        String[] fields = trimmed.split("\\s+");
        String cron = switch (fields.length) {
            case 5 -> unixToQuartz(fields);
            case 6, 7 -> trimmed;
            default -> throw refused("syncs.error.cron-fields", "schedule \"" + trimmed + "\" has " + fields.length
                    + " fields; a cron line has 5 (minute hour day month weekday) or 6-7 (Quartz, with seconds)",
                    fields.length);
        };
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw refused("syncs.error.cron-invalid", "schedule \"" + trimmed + "\" is not a valid cron expression: "
                    + e.getMessage(), e.getMessage());
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        checkGaps(trimmed, expression);
        return new Schedule(trimmed, null, cron, zone);
    }

    private static RefusedChange tooLong(String schedule) {
        return refused("syncs.error.every-too-long", "schedule \"" + schedule + "\" is longer than " + LONGEST_DAYS
                + " days", LONGEST_DAYS);
    }

    /** A refusal of the schedule field; the console says it as {@code code} with {@code args}. */
    private static RefusedChange refused(String code, String message, Object... args) {
        return RefusedChange.invalid("schedule", code, message, args);
    }

    /**
     * Refuses a cron line that never fires (Quartz would refuse its trigger) or fires closer together than the
     * shortest interval, measured over its next fires from now: the gap is the one between the closest two.
     */
    private static void checkGaps(String schedule, CronExpression expression) {
        Date fire = expression.getNextValidTimeAfter(new Date());
        if (fire == null) {
            throw refused("syncs.error.cron-never", "schedule \"" + schedule + "\" never fires");
        }
        Duration shortest = null;
        for (int i = 0; i < FIRES_MEASURED; i++) {
            Date next = expression.getNextValidTimeAfter(fire);
            if (next == null) {
                break;
            }
            Duration gap = Duration.ofMillis(next.getTime() - fire.getTime());
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            fire = next;
        }
        if (shortest != null && shortest.compareTo(SHORTEST) < 0) {
            throw refused("syncs.error.cron-too-often", "schedule \"" + schedule + "\" fires " + shortest.toSeconds()
                    + "s apart; the shortest interval is " + SHORTEST.toSeconds() + "s", shortest.toSeconds(),
                    SHORTEST.toSeconds());
        }
    }

    /** Quartz wants seconds first and exactly one of day-of-month and day-of-week to be '?'. */
    private static String unixToQuartz(String[] f) {
        String dayOfMonth = f[2];
        String dayOfWeek = f[4];
        if (dayOfWeek.equals("*")) {
            dayOfWeek = "?";
        } else if (dayOfMonth.equals("*")) {
            dayOfMonth = "?";
            dayOfWeek = unixWeekdaysToQuartz(dayOfWeek);
        } else {
            throw refused("syncs.error.cron-day-and-weekday",
                    "cron with both a day of month and a weekday is not supported: " + String.join(" ", f));
        }
        return "0 " + f[0] + " " + f[1] + " " + dayOfMonth + " " + f[3] + " " + dayOfWeek;
    }

    /** Unix counts weekdays 0-6 from Sunday, Quartz 1-7 from Sunday. */
    private static String unixWeekdaysToQuartz(String field) {
        StringBuilder out = new StringBuilder();
        Matcher digits = Pattern.compile("\\d").matcher(field);
        while (digits.find()) {
            int day = Integer.parseInt(digits.group()) % 7 + 1;
            digits.appendReplacement(out, Integer.toString(day));
        }
        digits.appendTail(out);
        return out.toString();
    }

    public ScheduleBuilder<? extends Trigger> quartzSchedule() {
        if (interval != null) {
            return SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(interval.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount();
        }
        return CronScheduleBuilder.cronSchedule(quartzCron)
                .inTimeZone(TimeZone.getTimeZone(zone))
                .withMisfireHandlingInstructionFireAndProceed();
    }

    /** The interval of an {@code @every} schedule, null for cron schedules. */
    public Duration interval() {
        return interval;
    }

    /**
     * The schedule as written, with the zone of a cron schedule ({@code 30 8 * * * in Asia/Ho_Chi_Minh}): a stored
     * trigger with the same text in another zone is a different schedule.
     */
    @Override
    public String toString() {
        return interval != null ? text : text + " in " + zone.getId();
    }
}
