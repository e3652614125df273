package io.mekong.web.dashboard;

import io.mekong.sink.DestinationReport;
import java.util.List;

/**
 * Everything the dashboard shows for one scope (a workspace, or all of them for admins, operators and viewers).
 *
 * @param webhooksPerHour inbound webhook deliveries per hour over the last 24 hours, oldest hour first
 * @param ordersPerDay    orders per day over the last {@link Dashboard#ORDER_DAYS} days, one series per channel
 * @param recordsPerRun   records read per run over the last {@link Dashboard#CHARTED_RUNS} runs that ended
 */
public record DashboardView(String workspace, List<ConnectionHealth> connections, RunsToday runs,
                            List<DestinationReport> destinations, Chart webhooksPerHour, Chart ordersPerDay,
                            Chart recordsPerRun) {

    /** Open dead letters of every connection and destination shown. */
    public long deadLetters() {
        return connections.stream().mapToLong(ConnectionHealth::deadLetters).sum()
                + destinations.stream().mapToLong(DestinationReport::deadLetters).sum();
    }

    public long webhooksToday() {
        return webhooksPerHour.series().stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).sum();
    }
}
