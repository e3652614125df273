package io.mekong.web.syncs;

import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.connection.VisibleConnections;
import io.mekong.ops.RefusedChange;
import io.mekong.sync.SyncJob;
import io.mekong.sync.SyncJobService;
import io.mekong.sync.SyncJobService.SyncDraft;
import io.mekong.sync.SyncRun;
import io.mekong.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sync jobs in the console: the list, the form (a connection, its streams, a schedule preset or cron line in the job's
 * time zone), enable, pause, run now and delete, and each job's run history. Through {@link SyncJobService}, as
 * {@code /api/syncs}, confined to the signed-in person's workspace.
 */
@Controller
class SyncsPage {

    /** A job in the list, with its connection, next fire and latest run (null when none). */
    record Row(SyncJob job, Connection connection, Instant nextRun, SyncRun lastRun) {
    }

    /** What the form shows: the job's values, or what was sent. */
    record Form(List<String> streams, String preset, String dailyAt, String cron, String timeZone, boolean enabled) {
    }

    private final SyncJobService syncs;
    private final VisibleConnections visible;
    private final ConnectionService connections;
    private final MessageSource messages;
    private final Refusals refusals;

    SyncsPage(SyncJobService syncs, VisibleConnections visible, ConnectionService connections, MessageSource messages,
              Refusals refusals) {
        this.syncs = syncs;
        this.visible = visible;
        this.connections = connections;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping("/console/syncs")
    String list(Model model) {
        model.addAttribute("rows", syncs.list(null).stream().map(job -> new Row(job, connectionOf(job), syncs.nextRun(job),
                syncs.lastRun(job).orElse(null))).toList());
        return "console/syncs/list";
    }

    /**
     * @param connection {@code workspace/id} of the connection to sync; without it, a choice of connections
     */
    @GetMapping("/console/syncs/new")
    String newSync(@RequestParam(required = false) String connection, Model model) {
        if (connection == null || connection.isBlank()) {
            model.addAttribute("connections", visible.list(null));
            return "console/syncs/choose";
        }
        Connection chosen = connection(connection);
        Form form = new Form(syncs.streams(chosen.connector()), SchedulePresets.HOURLY, "", "", "", true);
        return form(model, chosen, null, form, Map.of());
    }

    @PostMapping("/console/syncs/new")
    String create(@RequestParam String connection, @RequestParam(required = false) List<String> streams,
                  @RequestParam Map<String, String> submitted, Model model, HttpServletResponse response, Locale locale) {
        Connection chosen = connection(connection);
        Form form = form(streams, submitted);
        Map<String, String> errors = new HashMap<>();
        SyncDraft draft = draft(form, errors, locale);
        if (draft != null) {
            try {
                return "redirect:/console/syncs/" + syncs.create(chosen, draft).id() + "/runs";
            } catch (IllegalArgumentException e) {
                errors.put(field(e), refusals.text(e));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, chosen, null, form, errors);
    }

    @GetMapping("/console/syncs/{id}")
    String edit(@PathVariable long id, Model model) {
        SyncJob job = syncs.visible(id);
        SchedulePresets.Choice choice = SchedulePresets.choice(job.schedule());
        Form form = new Form(job.streams(), choice.preset(), choice.dailyAt(), choice.cron(), job.timeZone().getId(),
                job.enabled());
        return form(model, connectionOf(job), job, form, Map.of());
    }

    @PostMapping("/console/syncs/{id}")
    String update(@PathVariable long id, @RequestParam(required = false) List<String> streams,
                  @RequestParam Map<String, String> submitted, Model model, HttpServletResponse response, Locale locale) {
        SyncJob job = syncs.visible(id);
        Connection connection = connectionOf(job);
        Form form = form(streams, submitted);
        Map<String, String> errors = new HashMap<>();
        SyncDraft draft = draft(form, errors, locale);
        if (draft != null) {
            try {
                syncs.update(job, connection.connector(), draft);
                return "redirect:/console/syncs/" + id + "/runs";
            } catch (IllegalArgumentException e) {
                errors.put(field(e), refusals.text(e));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, connection, job, form, errors);
    }

    /** Pauses the job's schedule ({@code enabled=false}) or enables it again. */
    @PostMapping("/console/syncs/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam boolean enabled) {
        syncs.enable(syncs.visible(id), enabled);
        return "redirect:/console/syncs/" + id + "/runs";
    }

    @PostMapping("/console/syncs/{id}/run")
    String runNow(@PathVariable long id, RedirectAttributes redirect) {
        SyncJob job = syncs.visible(id);
        try {
            return "redirect:/console/runs/" + syncs.runNow(job, false);
        } catch (IllegalStateException alreadyRunning) {
            redirect.addFlashAttribute("alreadyRunning", true);
            return "redirect:/console/syncs/" + id + "/runs";
        }
    }

    /** What deleting the job does, and the button that does it. */
    @GetMapping("/console/syncs/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        SyncJob job = syncs.visible(id);
        model.addAttribute("job", job);
        model.addAttribute("connection", connectionOf(job));
        return "console/syncs/delete";
    }

    /** The same deletion as {@code DELETE /api/syncs/{id}}: its schedule stops; its past runs and records stay. */
    @PostMapping("/console/syncs/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        syncs.delete(syncs.visible(id));
        redirect.addFlashAttribute("deleted", id);
        return "redirect:/console/syncs";
    }

    @GetMapping("/console/syncs/{id}/runs")
    String runs(@PathVariable long id, Model model) {
        SyncJob job = syncs.visible(id);
        model.addAttribute("job", job);
        model.addAttribute("connection", connectionOf(job));
        model.addAttribute("nextRun", syncs.nextRun(job));
        model.addAttribute("runs", syncs.runs(job, 50));
        return "console/syncs/runs";
    }

    private String form(Model model, Connection connection, SyncJob job, Form form, Map<String, String> errors) {
        model.addAttribute("connection", connection);
        model.addAttribute("job", job);
        model.addAttribute("available", syncs.streams(connection.connector()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/syncs/form";
    }

    private static Form form(List<String> streams, Map<String, String> submitted) {
        return new Form(streams == null ? List.of() : streams, submitted.getOrDefault("preset", SchedulePresets.NONE),
                submitted.getOrDefault("dailyAt", ""), submitted.getOrDefault("cron", ""),
                submitted.getOrDefault("timeZone", ""), "true".equals(submitted.get("enabled")));
    }

    /** The service's draft of the form, or null with the reasons in {@code errors} (field → message). */
    private SyncDraft draft(Form form, Map<String, String> errors, Locale locale) {
        if (form.streams().isEmpty()) {
            errors.put("streams", messages.getMessage("syncs.error.streams", null, locale));
        }
        String schedule = null;
        try {
            schedule = SchedulePresets.schedule(new SchedulePresets.Choice(form.preset(), form.dailyAt(), form.cron()));
        } catch (SchedulePresets.Unusable e) {
            errors.put(e.field, messages.getMessage(e.messageKey, null, locale));
        }
        return errors.isEmpty() ? new SyncDraft(form.streams(), schedule, form.timeZone(), form.enabled()) : null;
    }

    /** Which field the service's refusal is about: the one it names, else the schedule's. */
    private static String field(IllegalArgumentException e) {
        return e instanceof RefusedChange refused ? refused.field().orElse("schedule") : "schedule";
    }

    /** @param workspaceAndId {@code workspace/id} */
    private Connection connection(String workspaceAndId) {
        int slash = workspaceAndId.lastIndexOf('/');
        return slash < 0 ? visible.get(null, workspaceAndId)
                : visible.get(workspaceAndId.substring(0, slash), workspaceAndId.substring(slash + 1));
    }

    /** The job's connection; the job is visible, so its connection is too. */
    private Connection connectionOf(SyncJob job) {
        return connections.find(job.connectionId()).orElseThrow();
    }
}
