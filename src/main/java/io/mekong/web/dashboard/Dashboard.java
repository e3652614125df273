package io.mekong.web.dashboard;

import io.mekong.ops.WorkspaceScope;
import io.mekong.sink.DestinationReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/**
 * The dashboard's figures for the caller: a merchant's own workspace, or for the other roles every workspace or the one
 * they name. Windows are bounded (24 hours of runs and webhooks, 30 days of orders, the last 20 runs), so the page
 * costs the same on a store of years.
 */
@Service
public class Dashboard {

    static final int LISTED_RUNS = 50;
    static final int CHARTED_RUNS = 20;
    static final int ORDER_DAYS = 30;
    private static final Duration DAY = Duration.ofHours(24);

    private final RunFigures runs;
    private final TrafficFigures traffic;
    private final DestinationReports destinations;
    private final WorkspaceScope scope;
    private final Clock clock;

    Dashboard(RunFigures runs, TrafficFigures traffic, DestinationReports destinations, WorkspaceScope scope, Clock clock) {
        this.runs = runs;
        this.traffic = traffic;
        this.destinations = destinations;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * @param workspace the workspace named (a filter for the roles that see all), or null
     * @param zone      the zone days and hours are counted in: the workspace's
     * @throws io.mekong.ops.NotInWorkspaceException when a merchant names another workspace
     */
    public DashboardView view(String workspace, ZoneId zone) {
        String confined = scope.workspaceToList(workspace);
        Instant now = clock.instant();
        return new DashboardView(confined, runs.connections(confined), runsToday(confined, now.minus(DAY)),
                destinations.list(confined), webhooksPerHour(confined, now, zone), ordersPerDay(confined, now, zone),
                recordsPerRun(confined));
    }

    private RunsToday runsToday(String workspace, Instant since) {
        Map<String, Long> statuses = runs.statusesSince(workspace, since);
        return new RunsToday(statuses.getOrDefault("succeeded", 0L),
                statuses.getOrDefault("failed", 0L) + statuses.getOrDefault("interrupted", 0L),
                statuses.getOrDefault("queued", 0L) + statuses.getOrDefault("running", 0L),
                runs.since(workspace, since, LISTED_RUNS));
    }

    /** 24 hourly buckets ending with the current hour (hours as the zone has them), empty hours as 0. */
    private Chart webhooksPerHour(String workspace, Instant now, ZoneId zone) {
        Instant thisHour = now.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        List<Instant> hours = IntStream.rangeClosed(0, 23).mapToObj(i -> thisHour.minus(Duration.ofHours(23 - i))).toList();
        Map<Instant, Long> received = traffic.webhooksPerHour(workspace, hours.get(0), zone);
        return new Chart(hours.stream().map(Instant::getEpochSecond).toList(), List.of(), List.of(new Chart.Series(
                "dashboard.chart.webhooks", hours.stream().map(h -> received.getOrDefault(h, 0L)).toList())));
    }

    /** One series per channel (connection) with orders in the window, over every day of it, empty days as 0. */
    private Chart ordersPerDay(String workspace, Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<LocalDate> days = IntStream.range(0, ORDER_DAYS).mapToObj(i -> today.minusDays(ORDER_DAYS - 1 - i)).toList();
        Map<String, Map<LocalDate, Long>> channels = new TreeMap<>();
        for (TrafficFigures.DayCount count : traffic.ordersPerDay(workspace, days.get(0).atStartOfDay(zone).toInstant(), zone)) {
            String channel = workspace == null ? count.workspace() + "/" + count.connection() : count.connection();
            channels.computeIfAbsent(channel, c -> new TreeMap<>()).put(count.day(), count.orders());
        }
        List<Chart.Series> series = new ArrayList<>();
        channels.forEach((channel, perDay) -> series.add(new Chart.Series(channel,
                days.stream().map(d -> perDay.getOrDefault(d, 0L)).toList())));
        return new Chart(days.stream().map(d -> d.atStartOfDay(zone).toEpochSecond()).toList(), List.of(), series);
    }

    /** The last runs that ended, oldest first: records read, of them changed (inserted or updated), and rejected. */
    private Chart recordsPerRun(String workspace) {
        List<RecentRun> last = new ArrayList<>(runs.lastFinished(workspace, CHARTED_RUNS));
        Collections.reverse(last);
        return new Chart(IntStream.rangeClosed(1, last.size()).mapToObj(i -> (long) i).toList(),
                last.stream().map(r -> "#" + r.id()).toList(), List.of(
                new Chart.Series("dashboard.chart.read", last.stream().map(r -> r.counts().read()).toList()),
                new Chart.Series("dashboard.chart.changed", last.stream().map(r -> r.counts().inserted() + r.counts().updated()).toList()),
                new Chart.Series("dashboard.chart.rejected", last.stream().map(r -> r.counts().rejected()).toList())));
    }
}
