package io.mekong.web.dashboard;

import java.util.List;

/**
 * Data for one uPlot chart: x values (epoch seconds, or run numbers) and one series per line, each as long as x.
 *
 * @param labels what to print under each x (a run's id), or empty to let uPlot print the times
 */
public record Chart(List<Long> x, List<String> labels, List<Series> series) {

    /** @param label a channel's name, or the message key of a fixed series ({@link #MESSAGE_KEY} prefix) */
    public record Series(String label, List<Long> values) {
    }

    public static final String MESSAGE_KEY = "dashboard.";

    /** Whether any series has a value other than zero: a chart worth drawing. */
    public boolean hasData() {
        return series.stream().flatMap(s -> s.values().stream()).anyMatch(v -> v != 0);
    }
}
